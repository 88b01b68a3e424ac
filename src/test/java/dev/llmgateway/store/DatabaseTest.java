package dev.llmgateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.auth.ApiKeySecrets;
import dev.llmgateway.auth.ApiKeys;
import dev.llmgateway.testing.ServiceBound;
import dev.llmgateway.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The same schema and key store on both storage modes. */
class DatabaseTest {

    private static StorageSettings postgresql(String url) {
        return new StorageSettings(StorageSettings.Mode.POSTGRESQL, "data",
                new StorageSettings.Postgresql(url, TestPostgres.USER, "", 2));
    }

    private static void keysRoundTrip(Database database) {
        ApiKeys keys = new ApiKeys(database.dataSource());
        ApiKeys.Created created = keys.create("team-a", "svc", "feature-x");
        assertThat(keys.findActive(ApiKeySecrets.hash(created.secret()))).isPresent();
        keys.revoke(created.key().id());
        assertThat(keys.findActive(ApiKeySecrets.hash(created.secret()))).isEmpty();
    }

    private static StorageSettings embeddedInFreshDirectory() throws Exception {
        Path dir = Files.createTempDirectory("llmgw-db-");
        return new StorageSettings(StorageSettings.Mode.EMBEDDED, dir.toString(), null);
    }

    @Test
    void embeddedDatabaseMigratesAndKeepsDataAcrossRestarts() throws Exception {
        StorageSettings settings = embeddedInFreshDirectory();
        try (Database database = Database.open(settings)) {
            keysRoundTrip(database);
        }
        try (Database reopened = Database.open(settings)) {
            assertThat(new ApiKeys(reopened.dataSource()).list("team-a")).hasSize(1);
        }
    }

    @Test
    void embeddedDatabaseNeverAnalyzesOnItsOwn() throws Exception {
        try (Database database = Database.open(embeddedInFreshDirectory());
             Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet setting = statement.executeQuery(
                     "SELECT setting_value FROM information_schema.settings WHERE setting_name = 'ANALYZE_AUTO'")) {
            assertThat(setting.next()).isTrue();
            assertThat(setting.getString(1)).isEqualTo("0");
        }
    }

    @Test
    @ServiceBound
    void postgresqlMigratesTheSameSchema() {
        try (Database database = Database.open(postgresql(TestPostgres.freshDatabase("llmgw_database_test")))) {
            assertThat(database.isShared()).isTrue();
            keysRoundTrip(database);
        }
    }

    @Test
    void anUnreachableDatabaseIsExplained() {
        assertThatThrownBy(() -> Database.open(postgresql("jdbc:postgresql://127.0.0.1:1/none")))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("Cannot open the PostgreSQL database at jdbc:postgresql://127.0.0.1:1/none")
                .hasMessageContaining("storage.*");
    }
}
