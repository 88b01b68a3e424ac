package dev.llmgateway.cache;

import com.github.jelmerk.knn.DistanceFunctions;
import com.github.jelmerk.knn.SearchResult;
import com.github.jelmerk.knn.hnsw.HnswIndex;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The HNSW graph of one partition's vectors (hnswlib). Searches need no lock; changes are serialized. Removing an
 * item only marks its node deleted, so once deleted nodes outnumber live ones the graph is rebuilt from the live
 * items, which bounds the memory an index of expiring entries holds.
 */
final class PartitionIndex {

    static final int M = 16;
    static final int EF_CONSTRUCTION = 64;
    static final int EF_SEARCH = 64;
    private static final int INITIAL_CAPACITY = 64;
    private static final int LOAD_BATCH = 10_000;

    private final int dimensions;
    private final Map<Long, IndexedQuery> live = new HashMap<>();
    private volatile HnswIndex<Long, float[], IndexedQuery, Float> graph;
    private int capacity;
    private int nodes;

    PartitionIndex(int dimensions) {
        this.dimensions = dimensions;
        this.graph = newGraph(INITIAL_CAPACITY);
        this.capacity = INITIAL_CAPACITY;
    }

    int dimensions() {
        return dimensions;
    }

    synchronized void add(IndexedQuery item) {
        if (nodes >= capacity) {
            capacity *= 2;
            graph.resize(capacity);
        }
        graph.add(item);
        live.put(item.id(), item);
        nodes++;
    }

    /**
     * Adds many items a batch at a time, so that a single add or removal waits for one batch at most; for indexing a
     * store's entries after it opened.
     */
    void addAll(List<IndexedQuery> items, int threads) throws InterruptedException {
        for (int from = 0; from < items.size(); from += LOAD_BATCH) {
            if (Thread.interrupted()) {
                throw new InterruptedException("indexing stopped");
            }
            addBatch(items.subList(from, Math.min(items.size(), from + LOAD_BATCH)), items.size() - from, threads);
        }
    }

    private synchronized void addBatch(List<IndexedQuery> batch, int remaining, int threads) throws InterruptedException {
        if (nodes + batch.size() > capacity) {
            capacity = Math.max(capacity * 2, nodes + remaining);
            graph.resize(capacity);
        }
        graph.addAll(batch, threads, (done, max) -> { }, Integer.MAX_VALUE);
        batch.forEach(item -> live.put(item.id(), item));
        nodes += batch.size();
    }

    synchronized void remove(long id) {
        IndexedQuery item = live.remove(id);
        if (item == null) {
            return;
        }
        graph.remove(item.id(), item.version());
        if (nodes - live.size() > live.size()) {
            rebuild();
        }
    }

    synchronized List<IndexedQuery> expired(long now) {
        return live.values().stream().filter(item -> item.expiresAt() <= now).toList();
    }

    synchronized boolean isEmpty() {
        return live.isEmpty();
    }

    /** @return up to k nearest live items, nearest first; similarity is 1 minus the inner-product distance */
    List<SearchResult<IndexedQuery, Float>> nearest(float[] vector, int k) {
        return graph.findNearest(vector, k);
    }

    private void rebuild() {
        HnswIndex<Long, float[], IndexedQuery, Float> fresh = newGraph(Math.max(INITIAL_CAPACITY, live.size() * 2));
        live.values().forEach(fresh::add);
        capacity = fresh.getMaxItemCount();
        nodes = live.size();
        graph = fresh;
    }

    /** Writes the graph for {@link #adopt} at the next start. */
    synchronized void save(OutputStream out) throws IOException {
        DataOutputStream header = new DataOutputStream(out);
        header.writeInt(dimensions);
        header.writeInt(nodes);
        header.flush();
        graph.save(out);
    }

    /**
     * Takes a saved graph in place of the one built since the store opened, reconciled with the table: items no
     * longer stored leave it, items added since the store opened join it.
     *
     * @param storedAtOpen this partition's entries as the store read them when it opened
     * @return the entries of storedAtOpen the saved graph lacks, still to be added
     */
    synchronized List<IndexedQuery> adopt(Saved saved, List<IndexedQuery> storedAtOpen) {
        if (saved.dimensions() != dimensions) {
            return storedAtOpen;
        }
        List<IndexedQuery> addedSinceOpen = List.copyOf(live.values());
        graph = saved.graph();
        capacity = graph.getMaxItemCount();
        nodes = saved.nodes();
        live.clear();
        graph.items().forEach(item -> live.put(item.id(), item));
        Set<Long> stored = storedAtOpen.stream().map(IndexedQuery::id).collect(Collectors.toSet());
        live.keySet().stream().filter(id -> !stored.contains(id)).toList().forEach(this::remove);
        addedSinceOpen.forEach(this::add);
        return storedAtOpen.stream().filter(item -> !live.containsKey(item.id())).toList();
    }

    /** A graph as {@link #save} wrote it. */
    record Saved(int dimensions, int nodes, HnswIndex<Long, float[], IndexedQuery, Float> graph) {

        static Saved read(InputStream in) throws IOException {
            DataInputStream header = new DataInputStream(in);
            int dimensions = header.readInt();
            int nodes = header.readInt();
            return new Saved(dimensions, nodes, HnswIndex.load(in));
        }
    }

    private HnswIndex<Long, float[], IndexedQuery, Float> newGraph(int maxItems) {
        return HnswIndex.newBuilder(dimensions, DistanceFunctions.FLOAT_INNER_PRODUCT, maxItems)
                .withM(M)
                .withEfConstruction(EF_CONSTRUCTION)
                .withEf(EF_SEARCH)
                .withRemoveEnabled()
                .build();
    }
}
