package dev.llmgateway.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.api.ErrorCode;

/**
 * The gateway's database: an embedded H2 file (PostgreSQL compatibility mode) or a shared PostgreSQL, behind one
 * connection pool, with the schema migrated by Flyway at open. Migrations that both can run live in
 * {@code dev/llmgateway/db/migration/common}; vendor-only ones (pgvector, for example) in
 * {@code dev/llmgateway/db/migration/h2} or {@code dev/llmgateway/db/migration/postgresql}.
 *
 * <p>The embedded file is private: no network listener (one process at a time opens it; another gets
 * {@link DatabaseInUseException}), storage.dataDir 0700 and the database's files 0600 (see {@link PrivateFiles}).
 */
public final class Database implements AutoCloseable {

    /** The embedded database's files are {@code gateway.mv.db}, {@code gateway.trace.db}, ... */
    static final String EMBEDDED_NAME = "gateway";
    private static final String EMBEDDED_USER = "gateway";
    /** How long {@link #open} waits for an embedded file another process holds (as the pool's start did). */
    static final Duration IN_USE_PATIENCE = Duration.ofSeconds(10);
    private static final Duration IN_USE_RETRY = Duration.ofMillis(250);

    private final StorageSettings.Mode mode;
    private final HikariDataSource dataSource;
    /** The embedded database's directory, or null for PostgreSQL. */
    private final Path embeddedDir;

    private Database(StorageSettings.Mode mode, HikariDataSource dataSource, Path embeddedDir) {
        this.mode = mode;
        this.dataSource = dataSource;
        this.embeddedDir = embeddedDir;
    }

    /**
     * Opens the database; an embedded file held by another process (a command-line tool reading it for a moment) is
     * waited for, up to {@link #IN_USE_PATIENCE}.
     *
     * @throws DatabaseInUseException when the embedded database file is still held by another process
     * @throws StorageException       when the database cannot be opened or migrated otherwise
     */
    public static Database open(StorageSettings settings) {
        return openWaiting(settings, IN_USE_PATIENCE);
    }

    /**
     * Opens the database, or fails at once with {@link DatabaseInUseException} when the embedded file is held by
     * another process: for the command-line tools, which then reach the running gateway through its API.
     */
    public static Database openUnlessInUse(StorageSettings settings) {
        return openWaiting(settings, Duration.ZERO);
    }

    private static Database openWaiting(StorageSettings settings, Duration patience) {
        if (settings.mode() == StorageSettings.Mode.POSTGRESQL) {
            if (settings.dataPath().toFile().isDirectory()) {
                PrivateFiles.secure(settings.dataPath(), "storage.dataDir");
            }
            return openPool(settings, null);
        }
        Path dataDir = settings.dataPath();
        PrivateFiles.secure(dataDir, "storage.dataDir");
        try {
            // One connection first: a file another process holds fails at once and is told apart from other
            // failures, where the pool would retry it for initializationFailTimeout. Kept open until the pool has its
            // own, so the database is not closed and opened again in between.
            Connection first = firstEmbeddedConnection(settings, patience);
            try {
                return openPool(settings, dataDir);
            } finally {
                closeQuietly(first);
            }
        } finally {
            // H2 has just created its files (the database, a trace file) with the process's umask
            PrivateFiles.makePrivate(dataDir, EMBEDDED_NAME + ".");
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // the pool's connections keep the database open; nothing to do about this one
        }
    }

    private static Connection firstEmbeddedConnection(StorageSettings settings, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            try {
                return firstEmbeddedConnection(settings);
            } catch (DatabaseInUseException inUse) {
                if (System.nanoTime() - deadline >= 0) {
                    throw inUse;
                }
                try {
                    Thread.sleep(IN_USE_RETRY.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw inUse;
                }
            }
        }
    }

    private static Connection firstEmbeddedConnection(StorageSettings settings) {
        Properties credentials = new Properties();
        credentials.setProperty("user", EMBEDDED_USER);
        credentials.setProperty("password", "");
        try {
            return new org.h2.Driver().connect(embeddedUrl(settings.dataPath()), credentials);
        } catch (SQLException e) {
            if (e.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1) {
                throw new DatabaseInUseException(settings.dataPath(), e);
            }
            throw new StorageException("Cannot open the " + describe(settings) + ": " + rootMessage(e)
                    + ". Check storage.* in the configuration.", e);
        }
    }

    private static Database openPool(StorageSettings settings, Path embeddedDir) {
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
            config.setUsername(EMBEDDED_USER);
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
        Database database = new Database(settings.mode(), dataSource, embeddedDir);
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
     * No AUTO_SERVER: it would open a TCP listener on every interface, with this user and no password, and publish
     * its address in a lock file; the jar's command-line tools reach a running gateway through its admin API
     * instead. ANALYZE_AUTO=0: H2 would otherwise analyze a table after every 2,000 (then 4,000, 8,000, ...) changed
     * rows, a sample of 10,000 ledger rows read in one go, a burst of CPU and garbage that showed in the calls' tail
     * latency. The usage report's queries get the same plans without statistics.
     */
    private static String embeddedUrl(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve(EMBEDDED_NAME)
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;ANALYZE_AUTO=0";
    }

    private void migrate() {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:dev/llmgateway/db/migration/common", "classpath:dev/llmgateway/db/migration/" + vendorFolder())
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
        if (embeddedDir != null) {
            // files H2 made while open (a trace file) are private before the next start checks them
            PrivateFiles.makePrivate(embeddedDir, EMBEDDED_NAME + ".");
        }
    }
}
