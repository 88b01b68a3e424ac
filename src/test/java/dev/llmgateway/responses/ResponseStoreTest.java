package dev.llmgateway.responses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.llmgateway.chat.Json;
import dev.llmgateway.store.Database;
import dev.llmgateway.store.Jdbc;
import dev.llmgateway.testing.ServiceBound;
import dev.llmgateway.testing.TestDatabases;
import dev.llmgateway.testing.TestPostgres;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Stored responses on both databases: per team, continued as input then output, deleted, gone after retention. */
class ResponseStoreTest {

    private static final Instant JUNE = Instant.parse("2025-06-14T10:00:00Z");
    private static final Duration RETENTION = Duration.ofDays(30);

    static Stream<Arguments> databases() {
        Supplier<Database> embedded = TestDatabases::embedded;
        Supplier<Database> postgresql = () -> TestDatabases.postgresql(
                TestPostgres.freshDatabase("llmgw_responses_test"));
        return Stream.of(Arguments.of(named("embedded", embedded)), Arguments.of(named("postgresql", postgresql)));
    }

    @ParameterizedTest
    @MethodSource("databases")
    @ServiceBound
    void aResponseIsItsTeamsAndAFollowUpReadsItsInputThenItsOutput(Supplier<Database> opened) {
        try (Database database = opened.get()) {
            ResponseStore store = new ResponseStore(database.dataSource(), RETENTION, Clock.fixed(JUNE,
                    ZoneOffset.UTC));
            ArrayNode input = Json.MAPPER.createArrayNode();
            input.addObject().put("role", "user").put("content", "Straße über 🌉");
            Map<String, Object> response = Map.of("id", "resp_1",
                    "output", List.of(ResponseBodies.message("msg_1_0", "completed", "Ja.")));

            store.save("analytics", "resp_1", input, response);

            assertThat(store.find("reports", "resp_1")).isEmpty();
            assertThat(store.delete("reports", "resp_1")).isFalse();
            ArrayNode followed = store.find("analytics", "resp_1").orElseThrow().followedBy();
            assertThat(followed).hasSize(2);
            assertThat(followed.get(0).path("content").asText()).isEqualTo("Straße über 🌉");
            assertThat(followed.get(1).path("content").get(0).path("text").asText()).isEqualTo("Ja.");
            assertThat(store.delete("analytics", "resp_1")).isTrue();
            assertThat(store.find("analytics", "resp_1")).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    @ServiceBound
    void aResponsePastItsRetentionIsNeverReadAndALaterSaveSweepsIt(Supplier<Database> opened) {
        try (Database database = opened.get()) {
            MovableClock clock = new MovableClock(JUNE);
            ResponseStore store = new ResponseStore(database.dataSource(), RETENTION, clock);
            ArrayNode input = Json.MAPPER.createArrayNode();
            input.addObject().put("role", "user").put("content", "hi");
            store.save("analytics", "resp_old", input, Map.of("id", "resp_old", "output", List.of()));

            clock.now = JUNE.plus(RETENTION).minusSeconds(1);
            assertThat(store.find("analytics", "resp_old")).isPresent();
            clock.now = JUNE.plus(RETENTION);
            assertThat(store.find("analytics", "resp_old")).isEmpty();
            assertThat(store.delete("analytics", "resp_old")).isFalse();
            assertThat(rows(database)).isEqualTo(1);

            store.save("analytics", "resp_new", input, Map.of("id", "resp_new", "output", List.of()));

            assertThat(rows(database)).isEqualTo(1);
            assertThat(store.find("analytics", "resp_new")).isPresent();
        }
    }

    private static long rows(Database database) {
        return new Jdbc(database.dataSource(), "test").query("SELECT COUNT(*) FROM stored_responses",
                row -> row.getLong(1)).get(0);
    }

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
