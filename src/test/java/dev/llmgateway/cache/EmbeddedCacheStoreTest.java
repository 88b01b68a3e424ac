package dev.llmgateway.cache;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
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

    private CacheStore open() {
        HikariDataSource dataSource = EmbeddedCacheDatabase.open(directory);
        opened.add(dataSource);
        return new EmbeddedCacheStore(dataSource);
    }

    @AfterEach
    void close() {
        opened.forEach(HikariDataSource::close);
    }
}
