package dev.llmgateway.cache;

import com.github.jelmerk.knn.SearchResult;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default: entries persist in an H2 database (migration
 * {@code dev/llmgateway/db/migration/h2/V40__semantic_cache.sql}); exact keys and an HNSW graph per partition are held
 * in memory. Answers stay on disk and are read on a hit. One gateway instance per database.
 * <p>
 * Opening reads the keys and vectors of the live entries (exact hits work at once). The graphs saved when the store
 * last closed ({@link GraphSnapshots}) are then loaded and reconciled with the table, and whatever they lack is added,
 * on a background thread with half the cores: building a graph from nothing takes minutes at a hundred thousand
 * entries and must not hold up the gateway's start. Meanwhile semantic lookups search the part ready so far, so they
 * may miss. Closing saves the graphs once they are complete.
 */
public class EmbeddedCacheStore implements CacheStore {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedCacheStore.class);

    private final DataSource dataSource;
    private final GraphSnapshots snapshots;
    private final Map<String, ExactRef> exact = new ConcurrentHashMap<>();
    private final Map<String, PartitionIndex> partitions = new ConcurrentHashMap<>();
    private final CompletableFuture<Indexing> indexed = new CompletableFuture<>();
    private final Thread indexer;

    /**
     * Opens the store over an H2 database migrated with the gateway's migrations, loading its live entries.
     *
     * @param graphDirectory where the search graphs are saved at close and found at the next open
     */
    public EmbeddedCacheStore(DataSource dataSource, Path graphDirectory) {
        this.dataSource = dataSource;
        this.snapshots = new GraphSnapshots(graphDirectory);
        Map<String, List<IndexedQuery>> unindexed = readLiveEntries(Instant.now());
        indexer = new Thread(() -> index(unindexed), "semantic-cache-indexer");
        indexer.setDaemon(true);
        indexer.start();
    }

    /** @return completes once every entry found at open is in its partition's graph (fails if the store closed first) */
    public CompletableFuture<Indexing> indexed() {
        return indexed;
    }

    /**
     * Saves the search graphs for the next open if they are complete; otherwise stops building them (the next open
     * starts again from the graphs saved before).
     */
    @Override
    public synchronized void close() {
        if (!indexed.isDone()) {
            indexer.interrupt();
            return;
        }
        if (indexed.isCompletedExceptionally()) {
            return;
        }
        long started = System.nanoTime();
        try {
            for (Map.Entry<String, PartitionIndex> partition : partitions.entrySet()) {
                snapshots.write(partition.getKey(), partition.getValue());
            }
            snapshots.keepOnly(partitions.keySet());
            LOG.info("Semantic cache: search graphs of {} partitions saved in {} ms", partitions.size(),
                    (System.nanoTime() - started) / 1_000_000);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Semantic cache: saving the search graphs failed ({}); the next start builds them again", e.toString());
        }
    }

    @Override
    public Optional<CachedAnswer> findExact(String partition, String exactHash, Instant now) {
        ExactRef ref = exact.get(partition + exactHash);
        if (ref == null || ref.expiresAt() <= now.toEpochMilli()) {
            return Optional.empty();
        }
        return Optional.ofNullable(answers(List.of(ref.id()), now).get(ref.id()));
    }

    /** From memory: whether the partition has a search graph with entries in it (expired ones count until purged). */
    @Override
    public boolean mayHaveSimilar(String partition, Instant now) {
        PartitionIndex index = partitions.get(partition);
        return index != null && !index.isEmpty();
    }

    @Override
    public List<SemanticCandidate> findSimilar(String partition, float[] vector, double minSimilarity, int limit,
                                               Instant now) {
        PartitionIndex index = partitions.get(partition);
        if (index == null) {
            return List.of();
        }
        if (index.dimensions() != vector.length) {
            throw new IllegalArgumentException("a vector of " + vector.length + " values cannot be compared with this "
                    + "partition's vectors of " + index.dimensions());
        }
        long nowMillis = now.toEpochMilli();
        List<SearchResult<IndexedQuery, Float>> similar = index.nearest(vector, limit).stream()
                .filter(result -> result.item().expiresAt() > nowMillis && 1 - result.distance() >= minSimilarity)
                .toList();
        if (similar.isEmpty()) {
            return List.of();
        }
        Map<Long, CachedAnswer> answers = answers(similar.stream().map(result -> result.item().id()).toList(), now);
        List<SemanticCandidate> candidates = new ArrayList<>();
        for (SearchResult<IndexedQuery, Float> result : similar) {
            CachedAnswer answer = answers.get(result.item().id());
            if (answer != null) {
                candidates.add(new SemanticCandidate(result.item().queryText(), result.item().vector(),
                        1 - result.distance(), answer));
            }
        }
        return candidates;
    }

    /** @return the live answers of these entries, by id; entries purged or replaced meanwhile are left out */
    private Map<Long, CachedAnswer> answers(List<Long> ids, Instant now) {
        String placeholders = String.join(", ", Collections.nCopies(ids.size(), "?"));
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT id, " + EntryRows.ANSWER_COLUMNS
                     + " FROM semantic_cache_entry WHERE id IN (" + placeholders + ") AND expires_at > ?")) {
            for (int i = 0; i < ids.size(); i++) {
                statement.setLong(i + 1, ids.get(i));
            }
            statement.setObject(ids.size() + 1, EntryRows.timestamp(now));
            Map<Long, CachedAnswer> answers = new HashMap<>();
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    answers.put(row.getLong(1), EntryRows.answer(row, 2));
                }
            }
            return answers;
        } catch (SQLException e) {
            throw new CacheStoreException("reading answers failed", e);
        }
    }

    @Override
    public synchronized void put(CacheEntry entry) {
        String partition = entry.key().partition();
        PartitionIndex index = entry.vector() == null ? null
                : partitions.computeIfAbsent(partition, p -> new PartitionIndex(entry.vector().length));
        if (index != null && index.dimensions() != entry.vector().length) {
            throw new IllegalArgumentException("a vector of " + entry.vector().length + " values cannot join this "
                    + "partition's vectors of " + index.dimensions());
        }
        long id = insertReplacing(entry);
        long expiresAt = entry.expiresAt().toEpochMilli();
        ExactRef replaced = exact.put(partition + entry.key().exactHash(), new ExactRef(id, partition, expiresAt));
        if (replaced != null) {
            forget(replaced);
        }
        if (index != null) {
            index.add(new IndexedQuery(id, entry.vector(), entry.key().semanticText(), expiresAt));
        }
    }

    @Override
    public synchronized int purgeExpired(Instant now) {
        int deleted;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "DELETE FROM semantic_cache_entry WHERE expires_at <= ?")) {
            statement.setObject(1, EntryRows.timestamp(now));
            deleted = statement.executeUpdate();
        } catch (SQLException e) {
            throw new CacheStoreException("purging expired entries failed", e);
        }
        long nowMillis = now.toEpochMilli();
        exact.values().removeIf(ref -> ref.expiresAt() <= nowMillis);
        partitions.values().removeIf(index -> {
            index.expired(nowMillis).forEach(item -> index.remove(item.id()));
            return index.isEmpty() && indexed.isDone();
        });
        return deleted;
    }

    private long insertReplacing(CacheEntry entry) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM semantic_cache_entry WHERE partition_key = ? AND exact_hash = ?");
                 PreparedStatement insert = connection.prepareStatement("INSERT INTO semantic_cache_entry ("
                         + EntryRows.INSERT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         Statement.RETURN_GENERATED_KEYS)) {
                delete.setString(1, entry.key().partition());
                delete.setString(2, entry.key().exactHash());
                delete.executeUpdate();
                EntryRows.bind(insert, entry);
                insert.setBytes(EntryRows.VECTOR_PARAMETER, entry.vector() == null ? null : Vectors.toBytes(entry.vector()));
                insert.executeUpdate();
                long id;
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
                connection.commit();
                return id;
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new CacheStoreException("storing an entry failed", e);
        }
    }

    private void forget(ExactRef ref) {
        PartitionIndex index = partitions.get(ref.partition());
        if (index != null) {
            index.remove(ref.id());
        }
    }

    /**
     * Puts the live entries' exact keys in place and registers their partitions' (empty) graphs.
     *
     * @return the entries with vectors, by partition, for the graphs
     */
    private Map<String, List<IndexedQuery>> readLiveEntries(Instant now) {
        long started = System.nanoTime();
        Map<String, List<IndexedQuery>> unindexed = new HashMap<>();
        int read = 0;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT id, partition_key, exact_hash, query_text,"
                     + " embedding, expires_at FROM semantic_cache_entry WHERE expires_at > ?")) {
            statement.setObject(1, EntryRows.timestamp(now));
            statement.setFetchSize(1000);
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    long id = row.getLong(1);
                    String partition = row.getString(2);
                    long expiresAt = row.getObject(6, OffsetDateTime.class).toInstant().toEpochMilli();
                    exact.put(partition + row.getString(3), new ExactRef(id, partition, expiresAt));
                    byte[] bytes = row.getBytes(5);
                    if (bytes != null) {
                        float[] vector = Vectors.fromBytes(bytes);
                        partitions.computeIfAbsent(partition, p -> new PartitionIndex(vector.length));
                        unindexed.computeIfAbsent(partition, p -> new ArrayList<>())
                                .add(new IndexedQuery(id, vector, row.getString(4), expiresAt));
                    }
                    read++;
                }
            }
        } catch (SQLException e) {
            throw new CacheStoreException("loading the cache failed", e);
        }
        LOG.info("Semantic cache: {} live entries in {} partitions read in {} ms; building their search graphs in the "
                + "background", read, partitions.size(), (System.nanoTime() - started) / 1_000_000);
        return unindexed;
    }

    private void index(Map<String, List<IndexedQuery>> unindexed) {
        long started = System.nanoTime();
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        int adopted = 0;
        try {
            for (Map.Entry<String, List<IndexedQuery>> partition : unindexed.entrySet()) {
                PartitionIndex index = partitions.get(partition.getKey());
                Optional<PartitionIndex.Saved> saved = snapshots.read(partition.getKey());
                List<IndexedQuery> missing = saved.isPresent() ? index.adopt(saved.get(), partition.getValue())
                        : partition.getValue();
                adopted += partition.getValue().size() - missing.size();
                index.addAll(missing, threads);
            }
        } catch (InterruptedException e) {
            indexed.completeExceptionally(e);
            return;
        } catch (RuntimeException e) {
            LOG.error("Semantic cache: building the search graphs failed; semantic lookups of entries stored before this "
                    + "start will miss until the next start", e);
            indexed.completeExceptionally(e);
            return;
        }
        Indexing indexing = new Indexing(unindexed.values().stream().mapToInt(List::size).sum(), adopted,
                (System.nanoTime() - started) / 1_000_000);
        LOG.info("Semantic cache: search graphs of {} entries ready in {} ms ({} from the graphs saved at the last stop)",
                indexing.entries(), indexing.millis(), indexing.fromSavedGraphs());
        indexed.complete(indexing);
    }

    /**
     * How the graphs were made ready after the store opened.
     *
     * @param entries         entries with vectors found at open
     * @param fromSavedGraphs how many of them were in the graphs saved at the last close (the rest were added one by one)
     * @param millis          how long it took
     */
    public record Indexing(int entries, int fromSavedGraphs, long millis) {
    }

    /** Where the exact match of a request is: its row, partition and expiry (epoch milliseconds). */
    private record ExactRef(long id, String partition, long expiresAt) {
    }
}
