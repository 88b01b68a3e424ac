package dev.llmgateway.api;

import static dev.llmgateway.api.CachingGateway.cache;
import static dev.llmgateway.api.CachingGateway.content;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.auth.ApiKeys;
import dev.llmgateway.testing.Eventually;
import dev.llmgateway.testing.ServiceBound;
import dev.llmgateway.testing.TestPostgres;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cache settings that change what a gateway serves, each on a gateway of its own, over HTTP. */
class CacheSettingsEndToEndTest {

    @Test
    void teamsShareEntriesWhenConfiguredTo() throws Exception {
        try (CachingGateway gateway = CachingGateway.start(Map.of("LLMGW_CACHE_SHAREACROSSTEAMS", "true"))) {
            ApiKeys keys = new ApiKeys(gateway.gateway().application().database().dataSource());
            String payments = "Bearer " + keys.create("payments", "cache test", null).secret();
            String analytics = "Bearer " + keys.create("analytics", "cache test", null).secret();
            HttpResponse<String> first = gateway.storedAfter(() ->
                    gateway.ask("What is the boiling point of ethanol?", Map.of("Authorization", payments)));

            HttpResponse<String> otherTeam = gateway.ask("What is the boiling point of ethanol?",
                    Map.of("Authorization", analytics));

            assertThat(cache(otherTeam)).isEqualTo("hit");
            assertThat(content(otherTeam)).isEqualTo(content(first));
        }
    }

    @Test
    void anExpiredEntryIsNotServedBeforeThePurgeDeletesIt() throws Exception {
        try (CachingGateway gateway = CachingGateway.start(Map.of("LLMGW_CACHE_TTLSECONDS", "1",
                "LLMGW_CACHE_PURGEINTERVALSECONDS", "3600"))) {
            gateway.storedAfter(() -> gateway.ask("What is a sonnet?", Map.of()));
            Instant expired = Instant.now().plusSeconds(1);
            Eventually.until("the entry's time to live over", () -> Instant.now().isAfter(expired));

            HttpResponse<String> after = gateway.ask("What is a sonnet?", Map.of());

            assertThat(cache(after)).isEqualTo("miss");
            assertThat(gateway.stats().purged()).isZero();
            assertThat(gateway.upstreamCalls()).isEqualTo(2);
        }
    }

    @Test
    void expiredEntriesArePurgedInTheBackground() throws Exception {
        try (CachingGateway gateway = CachingGateway.start(Map.of("LLMGW_CACHE_TTLSECONDS", "1",
                "LLMGW_CACHE_PURGEINTERVALSECONDS", "1"))) {
            gateway.storedAfter(() -> gateway.ask("What is a haiku?", Map.of()));

            Eventually.until("the expired entry purged", () -> gateway.stats().purged() == 1);
            assertThat(gateway.metric("llmgateway_cache_purged_total")).isEqualTo(1);
            HttpResponse<String> after = gateway.ask("What is a haiku?", Map.of());

            assertThat(cache(after)).isEqualTo("miss");
            assertThat(gateway.upstreamCalls()).isEqualTo(2);
        }
    }

    @Test
    @ServiceBound
    void aGatewayOnPostgresqlKeepsItsCacheInPgvector() throws Exception {
        String url = TestPostgres.freshDatabase("llmgw_cache_e2e");
        try (CachingGateway gateway = CachingGateway.start(Map.of("LLMGW_STORAGE_MODE", "postgresql",
                "LLMGW_STORAGE_POSTGRESQL_URL", url, "LLMGW_STORAGE_POSTGRESQL_USER", TestPostgres.USER,
                "LLMGW_CACHE_STORE", "postgresql"))) {
            HttpResponse<String> first = gateway.storedAfter(() -> gateway.ask("How do I reset my password?", Map.of()));

            HttpResponse<String> paraphrase = gateway.ask("How can I reset my password?", Map.of());

            assertThat(cache(paraphrase)).isEqualTo("hit");
            assertThat(paraphrase.headers().firstValue("x-llmgateway-cache-kind")).hasValue("semantic");
            assertThat(content(paraphrase)).isEqualTo(content(first));
            assertThat(gateway.upstreamCalls()).isEqualTo(1);
        }
        try (Connection connection = DriverManager.getConnection(url, TestPostgres.USER, "");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT dimensions FROM semantic_cache_entry")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(384);
        }
    }
}
