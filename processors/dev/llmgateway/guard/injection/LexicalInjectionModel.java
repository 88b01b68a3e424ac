package dev.llmgateway.guard.injection;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A logistic regression over a text's {@link LexicalFeatures} (hashed character and word n-grams weighted by their
 * inverse document frequency in the training texts), trained with the
 * embedding model to tell prompt injections from benign prompts that look like them. It costs microseconds, not an
 * embedding, so it reads every text the guard inspects, short prompts too; a text's score is the highest of its
 * windows'. Its verdict comes first: a text the rules passed is an injection at {@code threshold}; a verdict it may
 * overrule (override phrases a user correcting their own words also writes, role and turn markers a question about
 * chat formats also carries) is overruled below {@code overrule}.
 * Whatever it leaves undecided goes on to the embedding model. Thread-safe.
 */
final class LexicalInjectionModel {

    private final int bits;
    private final float[] inverseDocumentFrequency;
    private final float[] weights;
    private final double bias;
    private final double threshold;
    private final double overrule;

    LexicalInjectionModel(int bits, float[] inverseDocumentFrequency, float[] weights, double bias, double threshold,
                          double overrule) {
        if (weights.length != 1 << bits || inverseDocumentFrequency.length != 1 << bits) {
            throw new IllegalArgumentException("a lexical model of " + bits + " bits has " + (1 << bits)
                    + " weights and inverse document frequencies, not " + weights.length + " and "
                    + inverseDocumentFrequency.length);
        }
        this.bits = bits;
        this.inverseDocumentFrequency = inverseDocumentFrequency;
        this.weights = weights;
        this.bias = bias;
        this.threshold = threshold;
        this.overrule = overrule;
    }

    /** @return the same model deciding at other thresholds */
    LexicalInjectionModel withThresholds(double threshold, double overrule) {
        return new LexicalInjectionModel(bits, inverseDocumentFrequency, weights, bias, threshold, overrule);
    }

    double threshold() {
        return threshold;
    }

    double overrule() {
        return overrule;
    }

    int bits() {
        return bits;
    }

    float[] weights() {
        return weights.clone();
    }

    float[] inverseDocumentFrequency() {
        return inverseDocumentFrequency.clone();
    }

    double bias() {
        return bias;
    }

    /** @return the highest probability of injection over the windows, 0 for none */
    double score(List<String> windows) {
        double best = 0;
        for (String window : windows) {
            best = Math.max(best, probability(LexicalFeatures.counted(window, bits)));
        }
        return best;
    }

    /** @param counted a window's {@link LexicalFeatures#counted} features */
    double probability(LexicalFeatures counted) {
        return 1 / (1 + Math.exp(-(bias + counted.weighted(inverseDocumentFrequency).dot(weights))));
    }

    /**
     * @param overrulable whether the rules' verdict is one the classifiers may overrule
     * @return the verdict this model decides, or null when it leaves the text to the embedding model
     */
    InjectionVerdict judge(InjectionVerdict rules, double score, boolean overrulable) {
        if (rules.injection()) {
            return overrulable && score < overrule ? new InjectionVerdict(rules.findings(), rules.score(), false) : null;
        }
        if (score < threshold) {
            return null;
        }
        List<InjectionFinding> findings = new ArrayList<>(rules.findings());
        findings.add(new InjectionFinding(InjectionFamily.CLASSIFIER, "classifier.lexical", score));
        return new InjectionVerdict(findings, rules.score() + score, true);
    }

    /** @return weights or frequencies as the model file keeps them: base64 of little-endian 32-bit floats */
    static String encode(float[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : values) {
            bytes.putFloat(value);
        }
        return Base64.getEncoder().encodeToString(bytes.array());
    }

    static float[] decode(String encoded) {
        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(encoded)).order(ByteOrder.LITTLE_ENDIAN);
        float[] weights = new float[bytes.remaining() / Float.BYTES];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = bytes.getFloat();
        }
        return weights;
    }
}
