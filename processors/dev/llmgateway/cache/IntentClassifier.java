package dev.llmgateway.cache;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.config.BundledJson;
import java.util.Arrays;

/**
 * A softmax regression over all-MiniLM-L6-v2 vectors that tells which of CLINC150's 150 everyday-assistant intents a
 * request asks for, or none of them (the out-of-scope class): fitted by {@code bin/train-intent-models}, which writes
 * the model file with its provenance. Two requests are of one intent with the probability that both are the same
 * known intent ({@link #sameIntent}); rewordings the embedding and the projection keep apart ("what is my credit
 * rating" / "please tell me what my credit score is") are close here. The threshold is calibrated on CLINC150's
 * validation split. Thread-safe.
 */
public final class IntentClassifier {

    static final String RESOURCE = "/dev/llmgateway/cache/intent-classifier.json";

    private final String embedderId;
    /** One row per known intent, then one for out of scope. */
    private final float[][] weights;
    private final float[] biases;
    private final double threshold;

    IntentClassifier(String embedderId, float[][] weights, float[] biases, double threshold) {
        this.embedderId = embedderId;
        this.weights = weights.clone();
        this.biases = biases.clone();
        this.threshold = threshold;
    }

    /** @return the classifier the gateway ships */
    public static IntentClassifier bundled() {
        JsonNode model = BundledJson.read(RESOURCE, "the intent classifier");
        JsonNode rows = model.get("weights");
        float[][] weights = new float[rows.size()][];
        for (int r = 0; r < weights.length; r++) {
            weights[r] = BundledJson.floats(rows.get(r));
        }
        return new IntentClassifier(model.get("embedder").asText(), weights, BundledJson.floats(model.get("biases")),
                model.get("threshold").asDouble());
    }

    /** @return the id of the embedder whose vectors the classifier was fitted on */
    public String embedderId() {
        return embedderId;
    }

    /** @return the probability that two requests are of one known intent at and above which they ask the same */
    public double threshold() {
        return threshold;
    }

    /** @return the probability of each known intent (out of scope left out, so they may sum to less than 1) */
    double[] knownIntents(float[] vector) {
        if (vector.length != weights[0].length) {
            throw new IllegalArgumentException("a vector of " + vector.length + " values cannot be classified; the "
                    + "classifier takes " + weights[0].length);
        }
        double[] probabilities = new double[weights.length];
        for (int k = 0; k < weights.length; k++) {
            double z = biases[k];
            for (int i = 0; i < vector.length; i++) {
                z += (double) weights[k][i] * vector[i];
            }
            probabilities[k] = z;
        }
        softmax(probabilities);
        return Arrays.copyOf(probabilities, weights.length - 1);
    }

    /** Turns logits into probabilities, in place. */
    static void softmax(double[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (double logit : logits) {
            max = Math.max(max, logit);
        }
        double sum = 0;
        for (int k = 0; k < logits.length; k++) {
            logits[k] = Math.exp(logits[k] - max);
            sum += logits[k];
        }
        for (int k = 0; k < logits.length; k++) {
            logits[k] /= sum;
        }
    }

    /** @return the probability that two requests, given their {@link #knownIntents}, are the same known intent */
    static double sameIntent(double[] a, double[] b) {
        double same = 0;
        for (int k = 0; k < a.length; k++) {
            same += a[k] * b[k];
        }
        return same;
    }
}
