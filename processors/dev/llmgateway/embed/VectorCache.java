package dev.llmgateway.embed;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.llmgateway.chat.Sha256;
import java.nio.charset.StandardCharsets;

/**
 * The exact cache of vectors, in this process: a text embedded once by a model, at a length and for an input type, is
 * not sent again. Bounded by the memory its vectors take (least recently and least often used go first). Keys hold the
 * text's SHA-256, not the text. Entries live as long as the process, so a changed alias (another model behind it)
 * starts empty at the restart that changes it.
 */
public final class VectorCache {

    /** What a key and the map's entry cost besides the vector's floats, roughly. */
    private static final int ENTRY_OVERHEAD_BYTES = 200;

    private final Cache<Key, float[]> vectors;

    /** @param megabytes what the vectors may take; 0 keeps nothing */
    public VectorCache(int megabytes) {
        this.vectors = Caffeine.newBuilder()
                .maximumWeight((long) megabytes * 1024 * 1024)
                .weigher((Key key, float[] vector) -> vector.length * Float.BYTES + ENTRY_OVERHEAD_BYTES)
                .build();
    }

    /** What a vector is the vector of. */
    public record Key(String alias, int dimensions, String inputType, String textSha256) {

        public static Key of(String alias, int dimensions, String inputType, String text) {
            return new Key(alias, dimensions, inputType, Sha256.hex(text.getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** @return the vector, or null when it is not cached */
    public float[] find(Key key) {
        return vectors.getIfPresent(key);
    }

    public void put(Key key, float[] vector) {
        vectors.put(key, vector);
    }
}
