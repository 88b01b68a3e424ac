package dev.llmgateway.cache;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.config.BundledJson;

/**
 * A linear map of all-MiniLM-L6-v2 vectors into a few dimensions where requests of one intent lie close together and
 * requests of neighbouring intents apart: linear discriminant analysis over the training utterances of CLINC150,
 * fitted by {@code bin/train-intent-models}, which writes the model file with its provenance. Rewordings that
 * share few words ("what did you just say" / "repeat that") are far apart for the embedding and close here. The
 * cosine of two projections is compared with the model's own threshold, calibrated on CLINC150's validation split.
 */
public final class IntentProjection {

    static final String RESOURCE = "/dev/llmgateway/cache/intent-projection.json";

    private final String embedderId;
    private final float[] mean;
    private final float[][] rows;
    private final double threshold;

    IntentProjection(String embedderId, float[] mean, float[][] rows, double threshold) {
        this.embedderId = embedderId;
        this.mean = mean.clone();
        this.rows = rows.clone();
        this.threshold = threshold;
    }

    /** @return the projection the gateway ships */
    public static IntentProjection bundled() {
        JsonNode model = BundledJson.read(RESOURCE, "the intent projection");
        JsonNode rowNodes = model.get("rows");
        float[][] rows = new float[rowNodes.size()][];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = BundledJson.floats(rowNodes.get(r));
        }
        return new IntentProjection(model.get("embedder").asText(), BundledJson.floats(model.get("mean")), rows,
                model.get("threshold").asDouble());
    }

    /** @return the id of the embedder whose vectors the projection was fitted on */
    public String embedderId() {
        return embedderId;
    }

    /** @return the cosine of two projections at and above which two requests ask for the same thing */
    public double threshold() {
        return threshold;
    }

    /** @return the same projection deciding at another threshold; null keeps the calibrated one */
    IntentProjection withThreshold(Double other) {
        return other == null ? this : new IntentProjection(embedderId, mean, rows, other);
    }

    /** @return the unit-length projection of an embedding of the embedder the projection was fitted on */
    float[] project(float[] vector) {
        if (vector.length != mean.length) {
            throw new IllegalArgumentException("a vector of " + vector.length + " values cannot be projected; the "
                    + "projection takes " + mean.length);
        }
        float[] projected = new float[rows.length];
        for (int r = 0; r < rows.length; r++) {
            double sum = 0;
            for (int i = 0; i < mean.length; i++) {
                sum += (double) rows[r][i] * (vector[i] - mean[i]);
            }
            projected[r] = (float) sum;
        }
        return Vectors.normalized(projected);
    }
}
