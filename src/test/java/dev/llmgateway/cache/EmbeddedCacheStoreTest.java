package dev.llmgateway.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.llmgateway.chat.Usage;
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

    @TempDir
    Path directory;
    private final List<HikariDataSource> opened = new ArrayList<>();
    private CacheStore store;

    @Override
    CacheStore store() {
        if (store == null) {
            store = open();
        }
        return store;
    }

    @Override
    CacheStore reopen() {
        opened.forEach(HikariDataSource::close);
        return open();
    }

    /** @return the store once its search graphs are built, so that semantic lookups see every entry */
    private CacheStore open() {
        EmbeddedCacheStore opening = openInBackground();
        opening.indexed().join();
        return opening;
    }

    private EmbeddedCacheStore openInBackground() {
        HikariDataSource dataSource = EmbeddedCacheDatabase.open(directory);
        opened.add(dataSource);
        return new EmbeddedCacheStore(dataSource);
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
    }

    /** Writes entries straight into the table, as many as a busy cache holds after a while. */
    private void fill(int entries) throws Exception {
        HikariDataSource dataSource = EmbeddedCacheDatabase.open(directory);
        opened.add(dataSource);
        Random random = new Random(7);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO semantic_cache_entry ("
                     + EntryRows.INSERT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            connection.setAutoCommit(false);
            for (int i = 0; i < entries; i++) {
                float[] vector = new float[DIMENSIONS];
                for (int d = 0; d < vector.length; d++) {
                    vector[d] = (float) random.nextGaussian();
                }
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

    @AfterEach
    void close() {
        opened.forEach(HikariDataSource::close);
    }
}
