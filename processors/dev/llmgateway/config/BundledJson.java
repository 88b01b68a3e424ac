package dev.llmgateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads a JSON file the gateway ships on its classpath, such as a model's weights and calibration. */
public final class BundledJson {

    private BundledJson() {
    }

    /**
     * @param resource the file's absolute classpath name
     * @param what     what the file is, for the error when it is missing or unreadable ("the intent projection")
     */
    public static JsonNode read(String resource, String what) {
        try (InputStream in = BundledJson.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(what + " " + resource + " is missing");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(what + " " + resource + " cannot be read", e);
        }
    }

    /** @return a JSON array of numbers as floats */
    public static float[] floats(JsonNode array) {
        float[] values = new float[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) array.get(i).asDouble();
        }
        return values;
    }
}
