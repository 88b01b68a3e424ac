package dev.llmgateway.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Fresh databases on the test machine's PostgreSQL (with pgvector), which {@code bin/setup-test-services} installs
 * and starts. Override the server with LLMGW_TEST_PG_HOST / LLMGW_TEST_PG_PORT / LLMGW_TEST_PG_USER; with
 * LLMGW_TEST_PG_DB_PREFIX, builds that share one server name their databases apart.
 */
public final class TestPostgres {

    public static final String HOST = env("LLMGW_TEST_PG_HOST", "127.0.0.1");
    public static final int PORT = Integer.parseInt(env("LLMGW_TEST_PG_PORT", "5432"));
    public static final String USER = env("LLMGW_TEST_PG_USER", "postgres");
    private static final String DB_PREFIX = env("LLMGW_TEST_PG_DB_PREFIX", "");

    private TestPostgres() {
    }

    /** Drops and creates the database, with the vector extension; @return its JDBC URL */
    public static String freshDatabase(String unprefixedName) {
        String name = databaseName(unprefixedName);
        try (Connection admin = DriverManager.getConnection(url("postgres"), USER, "");
             Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + HOST + ":" + PORT + " is needed for this test "
                    + "(bin/setup-test-services starts it): " + e.getMessage(), e);
        }
        try (Connection db = DriverManager.getConnection(url(name), USER, "");
             Statement statement = db.createStatement()) {
            statement.execute("CREATE EXTENSION IF NOT EXISTS vector");
        } catch (SQLException e) {
            throw new IllegalStateException("the pgvector extension is missing (bin/setup-test-services builds it): "
                    + e.getMessage(), e);
        }
        return url(name);
    }

    /** @return the name a test's database has on the server: its own, after this build's prefix */
    public static String databaseName(String name) {
        return DB_PREFIX + name;
    }

    public static String url(String database) {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
