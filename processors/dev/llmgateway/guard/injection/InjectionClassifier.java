package dev.llmgateway.guard.injection;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.config.BundledJson;
import dev.llmgateway.cache.PromptEmbeddings;
import dev.llmgateway.guard.text.InspectionBudget;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Two models trained to tell prompt injections from benign prompts that look like them (bin/train-injection-classifier,
 * which writes the model file with its data, date and measured figures): a {@link LexicalInjectionModel} over hashed
 * n-grams, which reads every text and decides first, and a logistic regression over the sentence embedding
 * (all-MiniLM-L6-v2) of a text and the rules' findings per family ({@link #ruleFeatures}), for what the first leaves
 * undecided. A text is scored window by window ({@link TextWindows}) and its score is the highest, so an instruction
 * planted in a long document counts as if it stood alone. Thread-safe.
 */
public final class InjectionClassifier {

    /**
     * Rule families whose phrases a user correcting their own words also writes ("ignore the previous command"): their
     * verdict stands only when the classifier agrees. Extraction phrases stand: their benign look-alikes are questions
     * about prompts that the rules do not find, and the classifier would overrule real attacks it never saw.
     */
    static final Set<InjectionFamily> PHRASE_FAMILIES = EnumSet.of(InjectionFamily.INSTRUCTION_OVERRIDE);

    /**
     * What the lexical model may overrule besides: role and turn markers, which questions about chat formats and pasted
     * transcripts carry too ("what does &lt;|im_end|&gt; do?", "[System] notes"); the model reads the words around them.
     */
    static final Set<InjectionFamily> LEXICALLY_OVERRULED = EnumSet.of(InjectionFamily.INSTRUCTION_OVERRIDE,
            InjectionFamily.ROLE_SPOOFING);

    /** The rule families whose findings are features of the model, in the order of their weights. */
    static final List<InjectionFamily> RULE_FEATURES = List.of(InjectionFamily.INSTRUCTION_OVERRIDE,
            InjectionFamily.ROLE_SPOOFING, InjectionFamily.PROMPT_EXTRACTION, InjectionFamily.ENCODED_PAYLOAD,
            InjectionFamily.OBFUSCATION);

    /** The model file on the classpath. */
    public static final String RESOURCE = "/dev/llmgateway/guard/injection-classifier.json";

    private final String embedderId;
    private final int windowWords;
    private final int maxWindows;
    private final double[] weights;
    private final double bias;
    private final double threshold;
    private final double confirmThreshold;
    private final int minWords;
    /** Null for none. */
    private final LexicalInjectionModel lexical;
    /**
     * Per minWords, the threshold, confirm threshold, lexical threshold and lexical overrule calibrated for scoring
     * from that many words on.
     */
    private final NavigableMap<Integer, double[]> calibrations;

    /**
     * @param threshold        the score at which the classifier alone makes a text an injection
     * @param confirmThreshold the score below which a verdict of phrase rules alone is overruled
     * @param minWords         the fewest words a text the rules found nothing in must have to be scored at all
     */
    InjectionClassifier(String embedderId, int windowWords, int maxWindows, double[] weights, double bias,
                        double threshold, double confirmThreshold, int minWords) {
        this(embedderId, windowWords, maxWindows, weights, bias, threshold, confirmThreshold, minWords, null);
    }

    InjectionClassifier(String embedderId, int windowWords, int maxWindows, double[] weights, double bias,
                        double threshold, double confirmThreshold, int minWords, LexicalInjectionModel lexical) {
        this(embedderId, windowWords, maxWindows, weights, bias, threshold, confirmThreshold, minWords, lexical,
                new TreeMap<>(Map.of(minWords, lexical == null ? new double[] {threshold, confirmThreshold}
                        : new double[] {threshold, confirmThreshold, lexical.threshold(), lexical.overrule()})));
    }

    private InjectionClassifier(String embedderId, int windowWords, int maxWindows, double[] weights, double bias,
                                double threshold, double confirmThreshold, int minWords, LexicalInjectionModel lexical,
                                NavigableMap<Integer, double[]> calibrations) {
        this.embedderId = embedderId;
        this.windowWords = windowWords;
        this.maxWindows = maxWindows;
        this.weights = weights.clone();
        this.bias = bias;
        this.threshold = threshold;
        this.confirmThreshold = confirmThreshold;
        this.minWords = minWords;
        this.lexical = lexical;
        this.calibrations = calibrations;
    }

    /** @return the model the gateway ships, with the threshold it was calibrated at */
    public static InjectionClassifier bundled() {
        JsonNode model = BundledJson.read(RESOURCE, "the injection classifier's model");
        JsonNode weightNodes = model.get("weights");
        double[] weights = new double[weightNodes.size()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = weightNodes.get(i).asDouble();
        }
        NavigableMap<Integer, double[]> calibrations = new TreeMap<>();
        model.get("calibrationsByMinWords").fields().forEachRemaining(c -> calibrations.put(
                Integer.parseInt(c.getKey()), new double[] {c.getValue().get("threshold").asDouble(),
                        c.getValue().get("confirmThreshold").asDouble(),
                        c.getValue().get("lexicalThreshold").asDouble(),
                        c.getValue().get("lexicalOverrule").asDouble()}));
        JsonNode lexical = model.get("lexical");
        return new InjectionClassifier(model.get("embedder").asText(), model.get("windowWords").asInt(),
                model.get("maxWindows").asInt(), weights, model.get("bias").asDouble(),
                model.get("threshold").asDouble(), model.get("confirmThreshold").asDouble(),
                model.get("minWords").asInt(), new LexicalInjectionModel(lexical.get("bits").asInt(),
                        LexicalInjectionModel.decode(lexical.get("inverseDocumentFrequency").asText()),
                        LexicalInjectionModel.decode(lexical.get("weights").asText()), lexical.get("bias").asDouble(),
                        lexical.get("threshold").asDouble(), lexical.get("overrule").asDouble()), calibrations);
    }

    /** @return the same model deciding at other thresholds; a null one keeps the calibrated value */
    public InjectionClassifier withThresholds(Double threshold, Double confirmThreshold) {
        return new InjectionClassifier(embedderId, windowWords, maxWindows, weights, bias,
                threshold == null ? this.threshold : threshold,
                confirmThreshold == null ? this.confirmThreshold : confirmThreshold, minWords, lexical, calibrations);
    }

    /**
     * @return the same model with its lexical model deciding at other thresholds; a null one keeps the calibrated value
     * (for the model's minWords)
     */
    public InjectionClassifier withLexicalThresholds(Double threshold, Double overrule) {
        if (lexical == null) {
            return this;
        }
        return new InjectionClassifier(embedderId, windowWords, maxWindows, weights, bias, this.threshold,
                confirmThreshold, minWords, lexical.withThresholds(threshold == null ? lexical.threshold() : threshold,
                overrule == null ? lexical.overrule() : overrule), calibrations);
    }

    /** @return the lexical model's threshold, at and above which a message the rules passed is an injection */
    public double lexicalThreshold() {
        return lexical == null ? 1 : lexical.threshold();
    }

    /** @return the lexical model's overrule, below which a verdict of phrases or turn markers alone is overruled */
    public double lexicalOverrule() {
        return lexical == null ? 0 : lexical.overrule();
    }

    /**
     * @param minWords the fewest words of a text the rules passed for it to be scored, or null for the model's
     * @return the same model scoring from that many words on, at the thresholds calibrated for the largest calibrated
     * minWords not above it (calibrated to score at least as many texts, so its false-positive rate holds)
     */
    public InjectionClassifier withMinWords(Integer minWords) {
        if (minWords == null) {
            return this;
        }
        Map.Entry<Integer, double[]> calibration = calibrations.floorEntry(minWords);
        if (calibration == null) {
            throw new IllegalArgumentException("no calibration of the injection classifier for scoring from "
                    + minWords + " words; calibrated from " + calibrations.firstKey());
        }
        double[] at = calibration.getValue();
        return new InjectionClassifier(embedderId, windowWords, maxWindows, weights, bias, at[0], at[1], minWords,
                lexical == null ? null : lexical.withThresholds(at[2], at[3]), calibrations);
    }

    /** @return the fewest words of a text the rules passed for the classifier to score it */
    public int minWords() {
        return minWords;
    }

    /** @return the id of the embedder whose vectors the model was trained on */
    public String embedderId() {
        return embedderId;
    }

    public double threshold() {
        return threshold;
    }

    /** @return the windows the text is scored on */
    public List<String> windows(String text, InspectionBudget budget) {
        return TextWindows.of(budget.meter(text), windowWords, maxWindows);
    }

    /**
     * @param rules the rules' verdict on the whole text, whose findings per family are features next to the embedding
     * @return the highest probability of injection over the text's windows, 0 for a text without words
     */
    public double score(String text, InspectionBudget budget, PromptEmbeddings embeddings, InjectionVerdict rules) {
        return score(windows(text, budget), embeddings, rules);
    }

    private double score(List<String> windows, PromptEmbeddings embeddings, InjectionVerdict rules) {
        double[] ruleFeatures = ruleFeatures(rules);
        double best = 0;
        for (String window : windows) {
            best = Math.max(best, probability(embeddings.embed(window), ruleFeatures));
        }
        return best;
    }

    /**
     * The rules' findings as features: per family of {@link #RULE_FEATURES}, the summed weight of its findings, at
     * most 1. Weak findings that did not reach the rules' threshold count too.
     */
    static double[] ruleFeatures(InjectionVerdict rules) {
        double[] features = new double[RULE_FEATURES.size()];
        for (InjectionFinding finding : rules.findings()) {
            int index = RULE_FEATURES.indexOf(finding.family());
            if (index >= 0) {
                features[index] = Math.min(1, features[index] + finding.weight());
            }
        }
        return features;
    }

    /** @return the probability of injection the model gives a window's embedding and the text's rule features */
    double probability(float[] vector, double[] ruleFeatures) {
        double z = bias;
        for (int i = 0; i < vector.length; i++) {
            z += weights[i] * vector[i];
        }
        for (int i = 0; i < ruleFeatures.length; i++) {
            z += weights[vector.length + i] * ruleFeatures[i];
        }
        return 1 / (1 + Math.exp(-z));
    }

    /**
     * @param embeddings the request's embeddings, asked for only when the text is scored by the embedding model
     * @return the verdict on the text with the rules and the classifiers: the lexical model's when it decides, else
     * the embedding model's; each scores the text only where its score can change the verdict
     */
    public InjectionVerdict review(InjectionVerdict rules, String text, InspectionBudget budget,
                                   Supplier<PromptEmbeddings> embeddings) {
        List<String> windows = null;
        boolean overrulable = mayOverruleLexically(rules);
        if (lexical != null && (!rules.injection() || overrulable)) {
            windows = windows(text, budget);
            InjectionVerdict decided = lexical.judge(rules, lexical.score(windows), overrulable);
            if (decided != null) {
                return decided;
            }
        }
        if (!canChange(rules, TextWindows.words(text))) {
            return rules;
        }
        return judge(rules, score(windows != null ? windows : windows(text, budget), embeddings.get(), rules));
    }

    /**
     * @return the verdict the lexical model decides given its score, or null when it leaves the text to the embedding
     * model (always null without a lexical model)
     */
    InjectionVerdict judgeLexically(InjectionVerdict rules, double lexicalScore) {
        return lexical == null ? null : lexical.judge(rules, lexicalScore, mayOverruleLexically(rules));
    }

    /** @return the lexical model's score of a text, 0 without a lexical model */
    public double lexicalScore(String text, InspectionBudget budget) {
        return lexical == null ? 0 : lexical.score(windows(text, budget));
    }

    /**
     * A text the rules passed is scored only when it has at least {@code minWords} words or the rules found something
     * in it: short attacks with no sign the rules see gained nothing from the classifier on sources it never saw
     * (bin/train-injection-classifier measures it), and scoring every short prompt would cost an embedding each.
     *
     * @param words the text's number of words
     * @return whether the text's score can change the rules' verdict, so that it is worth computing
     */
    public boolean canChange(InjectionVerdict rules, int words) {
        if (rules.injection()) {
            return mayOverrule(rules);
        }
        return threshold <= 1 && (words >= minWords || !rules.findings().isEmpty());
    }

    /**
     * A verdict only English phrases that a user correcting their own words also writes reached may be overruled:
     * the families of structure (role and turn markers, encodings, invisible characters), the rules for other
     * languages (the model reads English: all-MiniLM-L6-v2) and an override of the model's own instructions decide on
     * their own ({@link InjectionRules#standsAlone}).
     */
    private static boolean mayOverruleLexically(InjectionVerdict rules) {
        return LEXICALLY_OVERRULED.containsAll(rules.families())
                && rules.findings().stream().noneMatch(InjectionRules::standsAlone);
    }

    private static boolean mayOverrule(InjectionVerdict rules) {
        return PHRASE_FAMILIES.containsAll(rules.families())
                && rules.findings().stream().noneMatch(InjectionRules::standsAlone);
    }

    /**
     * Combines the rules' verdict with the classifier's score: a text the rules did not find is an injection when the
     * score reaches the threshold; one that only override phrases found, which a user correcting an earlier message
     * also writes, stays one only when the score reaches the confirm threshold. The other verdicts ({@link
     * #mayOverrule}) stand.
     */
    public InjectionVerdict judge(InjectionVerdict rules, double score) {
        if (rules.injection()) {
            return mayOverrule(rules) && score < confirmThreshold
                    ? new InjectionVerdict(rules.findings(), rules.score(), false) : rules;
        }
        if (score < threshold) {
            return rules;
        }
        List<InjectionFinding> findings = new ArrayList<>(rules.findings());
        findings.add(new InjectionFinding(InjectionFamily.CLASSIFIER, "classifier.score", score));
        return new InjectionVerdict(findings, rules.score() + score, true);
    }
}
