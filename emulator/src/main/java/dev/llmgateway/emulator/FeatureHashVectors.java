package dev.llmgateway.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The emulated embedding models' vectors: a signed feature hash of the text's lower-cased words (weight 1) and
 * character trigrams (weight 0.5), so a vector is deterministic and texts that share words point the same way.
 */
final class FeatureHashVectors {
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private FeatureHashVectors() {
    }

    /** @param seed makes another model's space: the same text gets unrelated vectors from two seeds */
    static float[] raw(String text, int dimensions, String seed) {
        float[] vector = new float[dimensions];
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            String word = m.group();
            addFeature(vector, seed + "w:" + word, 1.0f);
            String padded = " " + word + " ";
            for (int i = 0; i + 3 <= padded.length(); i++) {
                addFeature(vector, seed + "t:" + padded.substring(i, i + 3), 0.5f);
            }
        }
        return vector;
    }

    private static void addFeature(float[] vector, String feature, float weight) {
        long hash = fnv1a(feature);
        int bucket = (int) Long.remainderUnsigned(hash, vector.length);
        vector[bucket] += (hash >>> 63) == 0 ? weight : -weight;
    }

    /** @return the vector scaled to length 1; a text without words gets the first axis */
    static float[] normalized(float[] vector) {
        double sum = 0;
        for (float v : vector) {
            sum += v * v;
        }
        if (sum == 0) {
            float[] unit = new float[vector.length];
            unit[0] = 1f;
            return unit;
        }
        float norm = (float) Math.sqrt(sum);
        float[] out = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            out[i] = vector[i] / norm;
        }
        return out;
    }

    static ArrayNode array(float[] vector) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (float v : vector) {
            array.add(v);
        }
        return array;
    }

    private static long fnv1a(String feature) {
        long hash = FNV_OFFSET;
        for (byte b : feature.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= FNV_PRIME;
        }
        return hash;
    }
}
