package dev.llmgateway.cache;

/**
 * Whether a cached request that the embedding puts below the threshold still asks for what the query asks, by
 * intent: its {@link IntentProjection} is close to the query's, or the {@link IntentClassifier} finds both the same
 * known intent. Either way the near-miss guard decides after it. Only for the local embedder both were fitted on.
 */
final class IntentMatch {

    private final IntentProjection projection;
    private final IntentClassifier classifier;

    private IntentMatch(IntentProjection projection, IntentClassifier classifier) {
        this.projection = projection;
        this.classifier = classifier;
    }

    /**
     * @param projectionThreshold the projection's threshold, null for its calibrated one; 1 turns matching by intent off
     * @return the shipped models' match, or null when they were not fitted on this embedder or matching is off
     */
    static IntentMatch bundled(String embedderId, Double projectionThreshold) {
        IntentProjection projection = IntentProjection.bundled().withThreshold(projectionThreshold);
        IntentClassifier classifier = IntentClassifier.bundled();
        boolean on = projection.threshold() < 1 && projection.embedderId().equals(embedderId)
                && classifier.embedderId().equals(embedderId);
        return on ? new IntentMatch(projection, classifier) : null;
    }

    /** @return the match of one query's vector, which projects and classifies it once, when first needed */
    Query query(float[] vector) {
        return new Query(vector);
    }

    final class Query {

        private final float[] vector;
        private float[] projected;
        private double[] intents;

        private Query(float[] vector) {
            this.vector = vector;
        }

        boolean sameIntentAs(float[] cached) {
            if (projected == null) {
                projected = projection.project(vector);
            }
            if (Vectors.dot(projected, projection.project(cached)) >= projection.threshold()) {
                return true;
            }
            if (intents == null) {
                intents = classifier.knownIntents(vector);
            }
            return IntentClassifier.sameIntent(intents, classifier.knownIntents(cached)) >= classifier.threshold();
        }
    }
}
