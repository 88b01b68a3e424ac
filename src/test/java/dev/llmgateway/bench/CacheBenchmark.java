package dev.llmgateway.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.llmgateway.cache.CacheSettings;
import dev.llmgateway.cache.CacheStore;
import dev.llmgateway.cache.EmbeddedCacheDatabase;
import dev.llmgateway.cache.EmbeddedCacheStore;
import dev.llmgateway.cache.LocalMiniLmEmbedder;
import dev.llmgateway.cache.PgVectorCacheStore;
import dev.llmgateway.cache.PostgresTestDatabase;
import dev.llmgateway.cache.SemanticCandidate;
import java.io.IOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.postgresql.PGConnection;

/**
 * Lookup latency of the two cache stores at growing sizes, and the latency of the local embedding model.
 * <p>
 * Entries are synthetic unit vectors of all-MiniLM-L6-v2's 384 dimensions, all in one partition (the worst case for
 * one search). Like sentence embeddings, they vary along far fewer directions than they have: each is a random point
 * of a fixed 48-dimensional subspace plus a little noise in all 384. (Uniformly random 384-dimensional vectors have no
 * neighbourhoods to navigate and are the worst case for any graph index; real embeddings are not like that.)
 * <p>
 * Each lookup asks for the 5 nearest entries of a query vector made by nudging a stored vector (cosine about 0.95,
 * like a paraphrase), with the answers of those at or above the default threshold (0.92): the store's part of a
 * semantic lookup. Recall@1 is how often the nudged entry came back first. The embedded store is filled in H2 in bulk and then
 * opened, which builds its HNSW graph as at a restart (that time is reported); pgvector's table is filled with COPY
 * and its HNSW index built after, as an operator would for a bulk load.
 * <p>
 * Run: {@code bench/cache [sizes...] [--store embedded|pgvector] [--keep] [--ef-search N] [--requests]}, e.g.
 * {@code bench/cache 10000 100000 1000000}. With {@code --keep} the filled pgvector database stays, and the next run
 * with {@code --keep} measures it without filling and indexing again. {@code --ef-search} sets pgvector's search
 * breadth as {@code cache.postgresql.efSearch} does (default: the gateway's default).
 */
public final class CacheBenchmark {

    private static final int DIMENSIONS = 384;
    /** As migration V40 creates it; dropped while the table is filled, as an operator would for a bulk load. */
    private static final String HNSW_INDEX = "CREATE INDEX semantic_cache_entry_hnsw_384 ON semantic_cache_entry"
            + " USING hnsw ((embedding::vector(384)) vector_cosine_ops) WHERE dimensions = 384";
    private static final int LATENT_DIMENSIONS = 48;
    private static final double NOISE = 0.1;
    private static final float[][] PROJECTION = projection();
    private static final int WARMUP = 300;
    private static final int LOOKUPS = 3000;
    private static final int NEAREST = 5;
    private static final double THRESHOLD = 0.92;
    private static final double NUDGE = 0.3;
    private static final String PARTITION = "0".repeat(64);
    private static final Instant NOW = Instant.now();
    private static final OffsetDateTime CREATED = NOW.atOffset(ZoneOffset.UTC);
    private static final OffsetDateTime EXPIRES = NOW.plusSeconds(86_400).atOffset(ZoneOffset.UTC);

    private CacheBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = new ArrayList<>();
        String only = null;
        boolean keep = false;
        boolean requestsOnly = false;
        int efSearch = CacheSettings.defaults().postgresql().efSearch();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--store")) {
                only = args[++i];
            } else if (args[i].equals("--ef-search")) {
                efSearch = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--requests")) {
                requestsOnly = true;
            } else if (args[i].equals("--keep")) {
                keep = true;
            } else {
                sizes.add(Integer.parseInt(args[i].replace("_", "")));
            }
        }
        if (sizes.isEmpty()) {
            sizes = List.of(10_000, 100_000, 1_000_000);
        }
        embeddingLatency();
        CacheRequestLatency.run();
        if (requestsOnly) {
            return;
        }
        System.out.printf("%n%-10s %9s %10s %13s %13s %10s %10s %12s%n", "store", "entries", "build s", "lookup p50 ms",
                "lookup p99 ms", "mean ms", "recall@1", "plan");
        for (int size : sizes) {
            if (only == null || only.equals("embedded")) {
                embedded(size, keep);
            }
            if (only == null || only.equals("pgvector")) {
                pgvector(size, keep, efSearch);
            }
        }
    }

    private static void embeddingLatency() {
        LocalMiniLmEmbedder embedder = new LocalMiniLmEmbedder();
        String[] sentences = {"How do I reset my password?", "What is the capital of Australia?",
                "How many vacation days do employees get in their first year?", "Why is my laptop running slow?",
                "Summarize the causes of the French Revolution in three sentences.", "Can dogs eat chocolate?",
                "How do I convert a string to an integer in Python?", "What is the refund policy for online orders?"};
        for (int i = 0; i < 200; i++) {
            embedder.embed(sentences[i % sentences.length]);
        }
        Histogram histogram = new Histogram(3);
        for (int i = 0; i < 2000; i++) {
            long started = System.nanoTime();
            embedder.embed(sentences[i % sentences.length]);
            histogram.recordValue((System.nanoTime() - started) / 1000);
        }
        System.out.printf("local embedding (all-MiniLM-L6-v2, one sentence, 2000 calls): p50 %.2f ms, p99 %.2f ms, "
                + "mean %.2f ms%n", histogram.getValueAtPercentile(50) / 1000.0, histogram.getValueAtPercentile(99) / 1000.0,
                histogram.getMean() / 1000.0);
    }

    /**
     * Without keep, a fresh store is filled, opened (which builds its graph, as at a first start), measured and deleted.
     * With keep, the store stays in bench/.cache-stores and is closed as the gateway closes it, which saves its graph; a
     * later run with keep opens it again and adopts the saved graph, as at a restart.
     */
    private static void embedded(int size, boolean keep) throws Exception {
        Path directory = keep ? Files.createDirectories(Path.of("bench/.cache-stores/embedded-" + size))
                : Files.createTempDirectory("llmgw-cache-bench-");
        try (HikariDataSource database = EmbeddedCacheDatabase.open(directory)) {
            if (rows(database) != size) {
                clear(database, directory.resolve("graphs"));
                fillH2(database, size);
            }
            EmbeddedCacheStore store = new EmbeddedCacheStore(database, directory.resolve("graphs"));
            EmbeddedCacheStore.Indexing indexing = store.indexed().join();
            String build = String.format("%.1f", indexing.millis() / 1000.0)
                    + (indexing.fromSavedGraphs() == size ? " (saved)" : "");
            measure("embedded", size, build, store, "in-memory HNSW");
            if (keep) {
                long started = System.nanoTime();
                store.close();
                System.out.printf("%-10s %9d graph saved for the next run in %.1f s%n", "", size,
                        (System.nanoTime() - started) / 1e9);
            }
        } finally {
            if (!keep) {
                BenchFiles.deleteTree(directory);
            }
        }
    }

    private static long rows(HikariDataSource database) throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT count(*) FROM semantic_cache_entry")) {
            row.next();
            return row.getLong(1);
        }
    }

    private static void clear(HikariDataSource database, Path graphs) throws SQLException, IOException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE TABLE semantic_cache_entry");
        }
        BenchFiles.deleteTree(graphs);
    }

    /** With keep, the filled and indexed database stays for the next run with keep, which measures it again. */
    private static void pgvector(int size, boolean keep, int efSearch) throws Exception {
        try (PostgresTestDatabase database = keep ? PostgresTestDatabase.kept("llmgw_cache_bench_" + size)
                : PostgresTestDatabase.create("llmgw_cache_bench");
             Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            String build = "reused";
            if (!filledAndIndexed(statement, size)) {
                statement.execute("DROP INDEX IF EXISTS semantic_cache_entry_hnsw_384");
                statement.execute("TRUNCATE semantic_cache_entry");
                copy(connection, size);
                long started = System.nanoTime();
                statement.execute("SET maintenance_work_mem = '4GB'");
                statement.execute(HNSW_INDEX);
                statement.execute("VACUUM ANALYZE semantic_cache_entry");
                build = String.format("%.1f", (System.nanoTime() - started) / 1e9);
            }
            System.out.println(loadIntoMemory(statement) + ", ef_search " + efSearch);
            measure("pgvector", size, build, new PgVectorCacheStore(database.dataSource(), efSearch), plan(connection));
        }
    }

    /**
     * Reads the HNSW index into PostgreSQL's buffers (pg_prewarm, as an operator warms a hot index after a restart),
     * since each page a search reads from outside them costs a read from the OS: at 1M entries the index is about 2 GB,
     * and with PostgreSQL's default shared_buffers (128 MB) lookups are ten times slower.
     *
     * @return a line saying how big the index is and how much of it PostgreSQL's buffers can hold
     */
    private static String loadIntoMemory(Statement statement) throws SQLException {
        statement.execute("CREATE EXTENSION IF NOT EXISTS pg_prewarm");
        try (ResultSet row = statement.executeQuery("SELECT pg_prewarm('semantic_cache_entry_hnsw_384'),"
                + " pg_size_pretty(pg_relation_size('semantic_cache_entry_hnsw_384')), current_setting('shared_buffers')")) {
            row.next();
            return String.format("pgvector: HNSW index %s, PostgreSQL shared_buffers %s, index prewarmed", row.getString(2),
                    row.getString(3));
        }
    }

    private static boolean filledAndIndexed(Statement statement, int size) throws SQLException {
        try (ResultSet row = statement.executeQuery("SELECT (SELECT count(*) FROM semantic_cache_entry), (SELECT count(*)"
                + " FROM pg_indexes WHERE indexname = 'semantic_cache_entry_hnsw_384')")) {
            row.next();
            return row.getLong(1) == size && row.getLong(2) == 1;
        }
    }

    private static void measure(String name, int size, String build, CacheStore store, String plan) {
        Random random = new Random(size);
        for (int i = 0; i < WARMUP; i++) {
            lookup(store, random.nextInt(size));
        }
        Histogram histogram = new Histogram(3);
        int found = 0;
        for (int i = 0; i < LOOKUPS; i++) {
            int target = random.nextInt(size);
            long started = System.nanoTime();
            boolean first = lookup(store, target);
            histogram.recordValue((System.nanoTime() - started) / 1000);
            found += first ? 1 : 0;
        }
        System.out.printf("%-10s %9d %10s %13.2f %13.2f %10.2f %9.1f%% %12s%n", name, size, build,
                histogram.getValueAtPercentile(50) / 1000.0, histogram.getValueAtPercentile(99) / 1000.0,
                histogram.getMean() / 1000.0, 100.0 * found / LOOKUPS, plan);
    }

    /** The store's part of a semantic lookup at the default threshold; @return whether the target came first */
    private static boolean lookup(CacheStore store, int target) {
        List<SemanticCandidate> similar = store.findSimilar(PARTITION, nudged(vector(target), target), THRESHOLD,
                NEAREST, NOW);
        return !similar.isEmpty() && similar.get(0).queryText().equals(question(target));
    }

    private static String question(int i) {
        return "synthetic question " + i;
    }

    private static void fillH2(HikariDataSource database, int size) throws SQLException {
        try (Connection connection = database.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO semantic_cache_entry (partition_key,"
                     + " exact_hash, query_text, dimensions, embedding, answer, stop_reason, input_tokens, output_tokens,"
                     + " model_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, 'end_turn', 20, 80, 'model', ?, ?)")) {
            connection.setAutoCommit(false);
            for (int i = 0; i < size; i++) {
                insert.setString(1, PARTITION);
                insert.setString(2, String.format("%064d", i));
                insert.setString(3, question(i));
                insert.setInt(4, DIMENSIONS);
                insert.setBytes(5, bytes(vector(i)));
                insert.setString(6, "synthetic answer " + i);
                insert.setObject(7, CREATED);
                insert.setObject(8, EXPIRES);
                insert.addBatch();
                if (i % 5000 == 4999) {
                    insert.executeBatch();
                    connection.commit();
                }
            }
            insert.executeBatch();
            connection.commit();
        }
    }

    private static void copy(Connection connection, int size) throws SQLException, IOException {
        String sql = "COPY semantic_cache_entry (partition_key, exact_hash, query_text, dimensions, embedding, answer,"
                + " stop_reason, input_tokens, output_tokens, model_id, created_at, expires_at) FROM STDIN";
        connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new Reader() {
            private int next;
            private String row = "";
            private int at;

            @Override
            public int read(char[] buffer, int offset, int length) {
                if (at == row.length()) {
                    if (next == size) {
                        return -1;
                    }
                    row = PARTITION + "\t" + String.format("%064d", next) + "\t" + question(next) + "\t"
                            + DIMENSIONS + "\t" + Arrays.toString(vector(next)).replace(" ", "") + "\tsynthetic answer "
                            + next + "\tend_turn\t20\t80\tmodel\t" + CREATED + "\t" + EXPIRES + "\n";
                    at = 0;
                    next++;
                }
                int count = Math.min(length, row.length() - at);
                row.getChars(at, at + count, buffer, offset);
                at += count;
                return count;
            }

            @Override
            public void close() {
            }
        });
    }

    /** The access method PostgreSQL picks for the lookup, as a check that the HNSW index is used. */
    private static String plan(Connection connection) throws SQLException {
        String typed = "::vector(" + DIMENSIONS + ")";
        String query = Arrays.toString(vector(0)).replace(" ", "");
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("EXPLAIN SELECT id FROM semantic_cache_entry WHERE dimensions = "
                     + DIMENSIONS + " AND partition_key = '" + PARTITION + "' AND expires_at > now() ORDER BY embedding"
                     + typed + " <=> '" + query + "'" + typed + " LIMIT 5")) {
            StringBuilder plan = new StringBuilder();
            while (rows.next()) {
                plan.append(rows.getString(1)).append('\n');
            }
            return plan.toString().contains("semantic_cache_entry_hnsw_384") ? "HNSW index" : "no HNSW: " + plan;
        }
    }

    /** The i-th stored vector, the same every time it is asked for. */
    private static float[] vector(int i) {
        Random random = new Random(i * 31L + 7);
        double[] latent = new double[LATENT_DIMENSIONS];
        for (int k = 0; k < LATENT_DIMENSIONS; k++) {
            latent[k] = random.nextGaussian();
        }
        float[] vector = new float[DIMENSIONS];
        for (int d = 0; d < DIMENSIONS; d++) {
            double value = 0;
            for (int k = 0; k < LATENT_DIMENSIONS; k++) {
                value += PROJECTION[k][d] * latent[k];
            }
            vector[d] = (float) (value + NOISE * random.nextGaussian());
        }
        return unit(vector);
    }

    private static float[][] projection() {
        Random random = new Random(1);
        float[][] projection = new float[LATENT_DIMENSIONS][DIMENSIONS];
        for (int k = 0; k < LATENT_DIMENSIONS; k++) {
            for (int d = 0; d < DIMENSIONS; d++) {
                projection[k][d] = (float) (random.nextGaussian() / Math.sqrt(LATENT_DIMENSIONS));
            }
        }
        return projection;
    }

    private static float[] nudged(float[] vector, int seed) {
        Random random = new Random(seed ^ 0x5DEECE66DL);
        float[] moved = new float[DIMENSIONS];
        double scale = NUDGE / Math.sqrt(DIMENSIONS);
        for (int d = 0; d < DIMENSIONS; d++) {
            moved[d] = (float) (vector[d] + scale * random.nextGaussian());
        }
        return unit(moved);
    }

    private static float[] unit(float[] vector) {
        double sum = 0;
        for (float v : vector) {
            sum += v * v;
        }
        float norm = (float) Math.sqrt(sum);
        for (int d = 0; d < DIMENSIONS; d++) {
            vector[d] /= norm;
        }
        return vector;
    }

    private static byte[] bytes(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(vector);
        return buffer.array();
    }
}
