package dev.llmgateway.embed;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

/** Vectors in and out of JSON: read from a model's answer, written as OpenAI's base64 encoding. */
public final class EmbeddingVectors {

    private EmbeddingVectors() {
    }

    /** @throws IllegalStateException when the node is not an array of that many numbers */
    static float[] read(JsonNode array, int dimensions, String what) {
        if (!array.isArray() || array.size() != dimensions) {
            throw new IllegalStateException("the model's " + what + " holds " + (array.isArray() ? array.size() : "no")
                    + " values, expected " + dimensions);
        }
        float[] vector = new float[dimensions];
        for (int i = 0; i < dimensions; i++) {
            JsonNode value = array.get(i);
            if (!value.isNumber()) {
                throw new IllegalStateException("the model's " + what + "[" + i + "] is not a number");
            }
            vector[i] = value.floatValue();
        }
        return vector;
    }

    /** @return the vector as OpenAI's {@code encoding_format: base64} gives it: little-endian float32s in base64 */
    public static String base64(float[] vector) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(vector);
        return Base64.getEncoder().encodeToString(bytes.array());
    }
}
