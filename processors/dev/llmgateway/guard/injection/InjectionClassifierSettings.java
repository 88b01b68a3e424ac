package dev.llmgateway.guard.injection;

/**
 * Settings of the learned injection classifier ({@link InjectionClassifier}), {@code guards.injection.classifier}.
 *
 * @param enabled          whether the classifier judges with the rules; default true
 * @param threshold        the score (0 to 1) at which the classifier alone makes a message the rules passed an
 *                         injection; default the calibrated one (the bundled model's file). Only messages of at least
 *                         {@code minWords} words, or with a weak finding of the rules, are scored.
 * @param confirmThreshold the score below which a verdict of override phrases alone is overruled;
 *                         default the calibrated one; 0 keeps every verdict of the rules
 * @param minWords         the fewest words of a message the rules passed (and found no sign in) for the classifier to
 *                         score it, at one embedding per window; default the model's (128); a lower one catches more
 *                         short attacks and takes the thresholds the model was calibrated at for it
 * @param lexicalThreshold the lexical model's score (0 to 1) at which a message the rules passed is an injection;
 *                         default the calibrated one
 * @param lexicalOverrule  the lexical model's score below which a verdict of override phrases or role and turn markers
 *                         alone is overruled; default the calibrated one; 0 keeps every such verdict
 */
public record InjectionClassifierSettings(Boolean enabled, Double threshold, Double confirmThreshold,
                                          Integer minWords, Double lexicalThreshold, Double lexicalOverrule) {

    public InjectionClassifierSettings {
        enabled = enabled == null || enabled;
        if (threshold != null && !(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("classifier.threshold must be in (0, 1], got " + threshold);
        }
        if (confirmThreshold != null && !(confirmThreshold >= 0 && confirmThreshold <= 1)) {
            throw new IllegalArgumentException("classifier.confirmThreshold must be in [0, 1], got "
                    + confirmThreshold);
        }
        if (lexicalThreshold != null && !(lexicalThreshold > 0 && lexicalThreshold <= 1)) {
            throw new IllegalArgumentException("classifier.lexicalThreshold must be in (0, 1], got "
                    + lexicalThreshold);
        }
        if (lexicalOverrule != null && !(lexicalOverrule >= 0 && lexicalOverrule <= 1)) {
            throw new IllegalArgumentException("classifier.lexicalOverrule must be in [0, 1], got " + lexicalOverrule);
        }
        if (minWords != null && minWords < 0) {
            throw new IllegalArgumentException("classifier.minWords must be 0 or more, got " + minWords);
        }
    }

    /** @return the bundled model with these thresholds, or null when the classifier is off */
    public InjectionClassifier classifierOrNull() {
        if (!enabled) {
            return null;
        }
        return InjectionClassifier.bundled().withMinWords(minWords).withThresholds(threshold, confirmThreshold)
                .withLexicalThresholds(lexicalThreshold, lexicalOverrule);
    }
}
