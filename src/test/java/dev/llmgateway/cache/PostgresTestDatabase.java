package dev.llmgateway.cache;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.llmgateway.testing.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;

/**
 * A fresh database on the local PostgreSQL (bin/setup-test-services starts it), migrated as the gateway migrates
 * its own, dropped on close. The name carries the process id so concurrent builds do not meet.
 */
public final class PostgresTestDatabase implements AutoCloseable {

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String USER = "postgres";

    private final String name;
    private final HikariDataSource dataSource;
    private final boolean dropOnClose;

    private PostgresTestDatabase(String name, HikariDataSource dataSource, boolean dropOnClose) {
        this.name = name;
        this.dataSource = dataSource;
        this.dropOnClose = dropOnClose;
    }

    /** @param prefix what the database is for, e.g. llmgw_cache_test */
    public static PostgresTestDatabase create(String prefix) {
        String name = TestPostgres.databaseName(prefix + "_" + ProcessHandle.current().pid());
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        admin("CREATE DATABASE " + name);
        return new PostgresTestDatabase(name, migrated(name), true);
    }

    /** A database kept between runs (for benchmarks that reuse what they built): created if missing, never dropped. */
    public static PostgresTestDatabase kept(String unprefixedName) {
        String name = TestPostgres.databaseName(unprefixedName);
        try (Connection connection = DriverManager.getConnection(SERVER + "postgres", USER, "");
             Statement statement = connection.createStatement();
             ResultSet exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
            if (!exists.next()) {
                statement.execute("CREATE DATABASE " + name);
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
        return new PostgresTestDatabase(name, migrated(name), false);
    }

    private static HikariDataSource migrated(String name) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(SERVER + name);
        config.setUsername(USER);
        config.setMaximumPoolSize(4);
        HikariDataSource dataSource = new HikariDataSource(config);
        Flyway.configure().dataSource(dataSource)
                .locations("classpath:dev/llmgateway/db/migration/common", "classpath:dev/llmgateway/db/migration/postgresql")
                .load().migrate();
        return dataSource;
    }

    public HikariDataSource dataSource() {
        return dataSource;
    }

    /** Empties the cache table between tests. */
    public void truncate(String table) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE " + table);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        dataSource.close();
        if (dropOnClose) {
            admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    private static void admin(String sql) {
        try (Connection connection = DriverManager.getConnection(SERVER + "postgres", USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    private static IllegalStateException unavailable(SQLException e) {
        return new IllegalStateException("PostgreSQL at 127.0.0.1:5432 is needed for this test (bin/setup-test-services "
                + "installs and starts it): " + e.getMessage(), e);
    }
}
