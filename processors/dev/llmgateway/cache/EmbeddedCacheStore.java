package dev.llmgateway.cache;

import com.github.jelmerk.knn.SearchResult;
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
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default: entries persist in an H2 database (migration {@code db/migration/h2/V40__semantic_cache.sql});
 * exact keys and an HNSW graph per partition are held in memory and rebuilt from the table when the store opens.
 * Answers stay on disk and are read on a hit. One gateway instance per database.
 */
public class EmbeddedCacheStore implements CacheStore {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedCacheStore.class);

    private final DataSource dataSource;
    private final Map<String, ExactRef> exact = new ConcurrentHashMap<>();
    private final Map<String, PartitionIndex> partitions = new ConcurrentHashMap<>();

    /** Opens the store over an H2 database migrated with the gateway's migrations, loading its live entries. */
    public EmbeddedCacheStore(DataSource dataSource) {
        this.dataSource = dataSource;
        long started = System.nanoTime();
        int loaded = load(Instant.now());
        LOG.info("Semantic cache: {} live entries in {} partitions loaded in {} ms", loaded, partitions.size(),
                (System.nanoTime() - started) / 1_000_000);
    }

    @Override
    public Optional<CachedAnswer> findExact(String partition, String exactHash, Instant now) {
        ExactRef ref = exact.get(partition + exactHash);
        if (ref == null || ref.expiresAt() <= now.toEpochMilli()) {
            return Optional.empty();
        }
        return Optional.ofNullable(answers(List.of(ref.id()), now).get(ref.id()));
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
                candidates.add(new SemanticCandidate(result.item().queryText(), 1 - result.distance(), answer));
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
            return index.isEmpty();
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

    private int load(Instant now) {
        Map<String, List<IndexedQuery>> byPartition = new HashMap<>();
        int loaded = 0;
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
                    byte[] vector = row.getBytes(5);
                    if (vector != null) {
                        byPartition.computeIfAbsent(partition, p -> new ArrayList<>())
                                .add(new IndexedQuery(id, Vectors.fromBytes(vector), row.getString(4), expiresAt));
                    }
                    loaded++;
                }
            }
        } catch (SQLException e) {
            throw new CacheStoreException("loading the cache failed", e);
        }
        byPartition.forEach((partition, items) -> {
            PartitionIndex index = new PartitionIndex(items.get(0).vector().length);
            try {
                index.addAll(items);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while loading the semantic cache", e);
            }
            partitions.put(partition, index);
        });
        return loaded;
    }

    /** Where the exact match of a request is: its row, partition and expiry (epoch milliseconds). */
    private record ExactRef(long id, String partition, long expiresAt) {
    }
}
