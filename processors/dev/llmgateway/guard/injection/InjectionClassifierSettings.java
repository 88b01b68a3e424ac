package dev.llmgateway.guard.injection;

/**
 * Settings of the learned injection classifier ({@link InjectionClassifier}), {@code guards.injection.classifier}.
 *
 * @param enabled          whether the classifier judges with the rules; default true
 * @param threshold        the score (0 to 1) at which the classifier alone makes a message the rules passed an
 *                         injection; default the calibrated one (the bundled model's file). Only messages of at least
 *                         the model's {@code minWords} words, or with a weak finding of the rules, are scored.
 * @param confirmThreshold the score below which a verdict of override or extraction phrases alone is overruled;
 *                         default the calibrated one; 0 keeps every verdict of the rules
 */
public record InjectionClassifierSettings(Boolean enabled, Double threshold, Double confirmThreshold) {

    public InjectionClassifierSettings {
        enabled = enabled == null || enabled;
        if (threshold != null && !(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("classifier.threshold must be in (0, 1], got " + threshold);
        }
        if (confirmThreshold != null && !(confirmThreshold >= 0 && confirmThreshold <= 1)) {
            throw new IllegalArgumentException("classifier.confirmThreshold must be in [0, 1], got "
                    + confirmThreshold);
        }
    }

    /** @return the bundled model with these thresholds, or null when the classifier is off */
    public InjectionClassifier classifierOrNull() {
        if (!enabled) {
            return null;
        }
        return InjectionClassifier.bundled().withThresholds(threshold, confirmThreshold);
    }
}
