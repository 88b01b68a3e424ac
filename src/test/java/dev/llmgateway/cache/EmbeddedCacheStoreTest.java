package dev.llmgateway.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.llmgateway.chat.Usage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedCacheStoreTest extends CacheStoreContract {

    private static final int FILL_SEED = 7;

    @TempDir
    Path directory;
    private final List<HikariDataSource> opened = new ArrayList<>();
    private EmbeddedCacheStore store;

    @Override
    CacheStore store() {
        if (store == null) {
            store = open();
        }
        return store;
    }

    /** Closes the store as the gateway does when it stops (which saves its graphs), then opens it again. */
    @Override
    CacheStore reopen() {
        if (store != null) {
            store.close();
        }
        opened.forEach(HikariDataSource::close);
        store = open();
        return store;
    }

    /** @return the store once its search graphs are built, so that semantic lookups see every entry */
    private EmbeddedCacheStore open() {
        EmbeddedCacheStore opening = openInBackground();
        opening.indexed().join();
        return opening;
    }

    private EmbeddedCacheStore openInBackground() {
        HikariDataSource dataSource = EmbeddedCacheDatabase.open(directory);
        opened.add(dataSource);
        return new EmbeddedCacheStore(dataSource, directory.resolve("graphs"));
    }

    @Test
    void exactHitsAnswerWhileTheSearchGraphsAreBuiltAndClosingStopsTheBuild() throws Exception {
        fill(20_000);
        opened.forEach(HikariDataSource::close);

        EmbeddedCacheStore reopened = openInBackground();
        assertThat(reopened.findExact("p1", "h19999", Instant.now())).isPresent();
        reopened.close();

        assertThatThrownBy(() -> reopened.indexed().get(1, TimeUnit.MINUTES))
                .hasCauseInstanceOf(InterruptedException.class);
        assertThat(graphs()).as("an incomplete graph is not saved").doesNotExist();
    }

    @Test
    void aRestartAdoptsTheSavedGraphsReconciledWithWhatChangedInTheTable() throws Exception {
        Instant now = Instant.now();
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            vectors.add(randomUnit());
            store().put(entry("p1", "e" + i, "stored question " + i, vectors.get(i), "answer " + i,
                    now.plusSeconds(3600)));
        }
        store().put(entry("p2", "short", "short-lived question", randomUnit(), "answer", now.plusSeconds(5)));
        store.close();
        assertThat(graphs().resolve("p1.hnsw")).exists();
        assertThat(graphs().resolve("p2.hnsw")).exists();
        opened.forEach(HikariDataSource::close);
        HikariDataSource behindItsBack = EmbeddedCacheDatabase.open(directory);
        try (Connection connection = behindItsBack.getConnection()) {
            connection.createStatement().execute("DELETE FROM semantic_cache_entry WHERE exact_hash = 'e1'");
        }
        behindItsBack.close();
        fill(1);

        store = openInBackground();
        EmbeddedCacheStore.Indexing indexing = store.indexed().join();

        assertThat(indexing.entries()).as("p1: 300 stored, 1 deleted, 1 added; p2: 1").isEqualTo(301);
        assertThat(indexing.fromSavedGraphs()).as("all but the row added behind its back").isEqualTo(300);
        assertThat(store.findSimilar("p1", vectors.get(1), 0.99, 5, now)).isEmpty();
        for (int i = 2; i < 300; i += 37) {
            assertThat(store.findSimilar("p1", vectors.get(i), 0.99, 1, now)).extracting(SemanticCandidate::queryText)
                    .containsExactly("stored question " + i);
        }
        assertThat(store.findSimilar("p1", filledVector(0), 0.99, 1, now)).extracting(SemanticCandidate::queryText)
                .containsExactly("question 0");

        store.purgeExpired(now.plusSeconds(10));
        store.close();
        assertThat(graphs().resolve("p2.hnsw")).as("the file of a partition that is gone").doesNotExist();
    }

    @Test
    void anUnreadableSavedGraphIsBuiltAgain() throws Exception {
        Instant now = Instant.now();
        float[] vector = randomUnit();
        store().put(entry("p1", "h1", "question", vector, "answer", now.plusSeconds(3600)));
        store.close();
        Files.writeString(graphs().resolve("p1.hnsw"), "not a graph");
        opened.forEach(HikariDataSource::close);

        store = openInBackground();

        assertThat(store.indexed().join().fromSavedGraphs()).isZero();
        assertThat(store.findSimilar("p1", vector, 0.99, 1, now)).extracting(SemanticCandidate::queryText)
                .containsExactly("question");
    }

    private Path graphs() {
        return directory.resolve("graphs");
    }

    /** Writes entries straight into the table, as many as a busy cache holds after a while. */
    private void fill(int entries) throws Exception {
        HikariDataSource dataSource = EmbeddedCacheDatabase.open(directory);
        opened.add(dataSource);
        Random random = new Random(FILL_SEED);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO semantic_cache_entry ("
                     + EntryRows.INSERT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            connection.setAutoCommit(false);
            for (int i = 0; i < entries; i++) {
                float[] vector = gaussian(random);
                Instant now = Instant.now();
                EntryRows.bind(insert, new CacheEntry(new CacheKey("p1", "h" + i, "question " + i),
                        Vectors.normalized(vector), new CachedAnswer("answer " + i, "end_turn", new Usage(5, 5), "m"),
                        now, now.plus(Duration.ofHours(1))));
                insert.setBytes(EntryRows.VECTOR_PARAMETER, Vectors.toBytes(Vectors.normalized(vector)));
                insert.addBatch();
                if (i % 1000 == 999) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
            connection.commit();
        }
    }

    /** @return the vector {@link #fill} gave its i-th row */
    private static float[] filledVector(int i) {
        Random random = new Random(FILL_SEED);
        float[] vector = null;
        for (int k = 0; k <= i; k++) {
            vector = gaussian(random);
        }
        return Vectors.normalized(vector);
    }

    private static float[] gaussian(Random random) {
        float[] vector = new float[DIMENSIONS];
        for (int d = 0; d < vector.length; d++) {
            vector[d] = (float) random.nextGaussian();
        }
        return vector;
    }

    @AfterEach
    void close() {
        opened.forEach(HikariDataSource::close);
    }
}
