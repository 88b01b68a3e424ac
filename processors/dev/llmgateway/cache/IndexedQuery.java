package dev.llmgateway.cache;

import com.github.jelmerk.knn.Item;

/**
 * An entry as the in-memory index holds it: enough to rank and guard a candidate; the answer stays on disk. Saved
 * with its partition's graph by Java serialization ({@link GraphSnapshots}); a change to its fields makes saved graphs
 * unreadable, which costs one rebuild.
 *
 * @param id        the entry's row id
 * @param vector    its unit-length embedding
 * @param queryText its semantic text, for the near-miss guard
 * @param expiresAt epoch milliseconds from which it is never served
 */
record IndexedQuery(Long id, float[] vector, String queryText, long expiresAt) implements Item<Long, float[]> {

    @Override
    public int dimensions() {
        return vector.length;
    }
}
