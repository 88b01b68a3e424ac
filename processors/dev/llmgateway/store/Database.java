package dev.llmgateway.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The gateway's database: an embedded H2 file (PostgreSQL compatibility mode) or a shared PostgreSQL, behind one
 * connection pool, with the schema migrated by Flyway at open. Migrations that both can run live in
 * {@code db/migration/common}; vendor-only ones (pgvector, for example) in {@code db/migration/h2} or
 * {@code db/migration/postgresql}.
 */
public final class Database implements AutoCloseable {

    private final StorageSettings.Mode mode;
    private final HikariDataSource dataSource;

    private Database(StorageSettings.Mode mode, HikariDataSource dataSource) {
        this.mode = mode;
        this.dataSource = dataSource;
    }

    public static Database open(StorageSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("llmgateway-db");
        config.setInitializationFailTimeout(10_000);
        config.setConnectionTimeout(5_000);
        if (settings.mode() == StorageSettings.Mode.POSTGRESQL) {
            StorageSettings.Postgresql pg = settings.postgresql();
            config.setJdbcUrl(pg.url());
            config.setUsername(pg.user());
            config.setPassword(pg.password());
            config.setMaximumPoolSize(pg.maxConnections());
        } else {
            config.setJdbcUrl(embeddedUrl(settings.dataPath()));
            config.setUsername("gateway");
            config.setPassword("");
            config.setMaximumPoolSize(8);
        }
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StorageException("Cannot open the " + describe(settings) + ": " + rootMessage(e)
                    + ". Check storage.* in the configuration and that the database is reachable.", e);
        }
        Database database = new Database(settings.mode(), dataSource);
        try {
            database.migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw new StorageException("Cannot migrate the schema of the " + describe(settings) + ": "
                    + rootMessage(e), e);
        }
        return database;
    }

    /**
     * AUTO_SERVER lets the jar's command-line tools open the file while a gateway has it open. ANALYZE_AUTO=0: H2
     * would otherwise analyze a table after every 2,000 (then 4,000, 8,000, ...) changed rows, a sample of 10,000
     * ledger rows read in one go, a burst of CPU and garbage that showed in the calls' tail latency. The usage
     * report's queries get the same plans without statistics.
     */
    private static String embeddedUrl(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create storage.dataDir " + dataDir, e);
        }
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("gateway")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE;ANALYZE_AUTO=0";
    }

    private void migrate() {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration/common", "classpath:db/migration/" + vendorFolder())
                .load()
                .migrate();
    }

    private String vendorFolder() {
        return mode == StorageSettings.Mode.POSTGRESQL ? "postgresql" : "h2";
    }

    private static String describe(StorageSettings settings) {
        return settings.mode() == StorageSettings.Mode.POSTGRESQL
                ? "PostgreSQL database at " + settings.postgresql().url()
                : "embedded database under " + settings.dataPath().toAbsolutePath();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public StorageSettings.Mode mode() {
        return mode;
    }

    public boolean isShared() {
        return mode == StorageSettings.Mode.POSTGRESQL;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
