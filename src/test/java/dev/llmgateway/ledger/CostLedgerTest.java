package dev.llmgateway.ledger;

import static dev.llmgateway.ledger.LedgerFixtures.freshDatabase;
import static dev.llmgateway.ledger.LedgerFixtures.record;
import static dev.llmgateway.ledger.LedgerFixtures.requestIds;
import static dev.llmgateway.ledger.LedgerFixtures.rows;
import static dev.llmgateway.ledger.LedgerFixtures.settings;
import static dev.llmgateway.ledger.LedgerFixtures.spooledLines;
import static dev.llmgateway.ledger.LedgerFixtures.tempDirectory;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.record.CallRecord;
import dev.llmgateway.store.Database;
import dev.llmgateway.store.Jdbc;
import dev.llmgateway.store.StorageSettings.Mode;
import dev.llmgateway.testing.Eventually;
import dev.llmgateway.testing.ServiceBound;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The ledger's writer on both storage modes: batches, flush on close, the spool while the database is away. */
@ServiceBound
class CostLedgerTest {

    private static final long AN_HOUR = 3_600_000;

    private static List<String> ids(String prefix, int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> "%s-%02d".formatted(prefix, i)).toList();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aFullBatchIsWrittenWithEveryFieldAndTheRestAtClose(Mode mode) {
        try (Database database = freshDatabase(mode, "llmgw_ledger_batches")) {
            Path spool = tempDirectory("llmgw-spool-");
            CostLedger ledger = CostLedger.start(database.dataSource(), settings(3, AN_HOUR, 100, spool, AN_HOUR),
                    Path.of("unused"));
            ids("req", 3).forEach(id -> ledger.recorded(record(id, "search")));
            Eventually.until("a batch of 3 is written", () -> rows(database) == 3);

            ledger.recorded(record("req-04", "search"));
            ledger.close();

            assertThat(requestIds(database)).containsExactlyElementsOf(ids("req", 4));
            assertThat(spooledLines(spool)).isZero();
            assertRowHoldsEveryField(database, record("req-01", "search"));
        }
    }

    private static void assertRowHoldsEveryField(Database database, CallRecord expected) {
        Map<String, Object> row = new Jdbc(database.dataSource(), "test").query(
                "SELECT * FROM call_ledger WHERE request_id = ?", r -> {
                    Map<String, Object> columns = new java.util.HashMap<>();
                    for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                        columns.put(r.getMetaData().getColumnLabel(i).toLowerCase(), r.getObject(i));
                    }
                    columns.put("received_at", r.getObject("received_at", OffsetDateTime.class).toInstant());
                    columns.put("received_day", r.getObject("received_day", LocalDate.class));
                    return columns;
                }, expected.requestId()).get(0);
        assertThat(row.get("entry_id")).asString().hasSize(36);
        assertThat(row.get("received_at")).isEqualTo(expected.receivedAt());
        assertThat(row.get("received_day")).isEqualTo(LocalDate.of(2026, 11, 3));
        assertThat(row).containsEntry("route", expected.route()).containsEntry("team", expected.team())
                .containsEntry("feature", expected.feature()).containsEntry("key_id", expected.keyId())
                .containsEntry("model_alias", expected.modelAlias()).containsEntry("model_id", expected.modelId())
                .containsEntry("region", expected.region()).containsEntry("template", expected.template())
                .containsEntry("streamed", true).containsEntry("input_tokens", 1200L)
                .containsEntry("output_tokens", 340L).containsEntry("cache_read_tokens", 5000L)
                .containsEntry("cache_write_tokens", 700L).containsEntry("cache_hit", null)
                .containsEntry("latency_ms", 812L).containsEntry("time_to_first_token_ms", 95L)
                .containsEntry("status", 200).containsEntry("outcome", "ok");
        assertThat((BigDecimal) row.get("cost_usd")).isEqualByComparingTo(expected.costUsd());
        assertThat((BigDecimal) row.get("saved_cost_usd")).isEqualByComparingTo(BigDecimal.ZERO);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aPartBatchIsWrittenOnceTheFlushIntervalHasPassed(Mode mode) {
        try (Database database = freshDatabase(mode, "llmgw_ledger_interval");
             CostLedger ledger = CostLedger.start(database.dataSource(),
                     settings(1000, 20, 100, tempDirectory("llmgw-spool-"), AN_HOUR), Path.of("unused"))) {
            ledger.recorded(record("req-01", "search"));

            Eventually.until("the record is written without a full batch", () -> rows(database) == 1);
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void whileTheDatabaseIsDownRecordsAreSpooledThenReplayedOnceEach(Mode mode) {
        try (Database database = freshDatabase(mode, "llmgw_ledger_outage")) {
            SwitchableDataSource switchable = new SwitchableDataSource(database.dataSource());
            Path spool = tempDirectory("llmgw-spool-");
            try (CostLedger ledger = CostLedger.start(switchable, settings(2, 10, 100, spool, 20), Path.of("unused"))) {
                switchable.down();
                ids("req", 7).forEach(id -> ledger.recorded(record(id, "search")));
                Eventually.until("every record is in the spool", () -> spooledLines(spool) == 7);
                assertThat(rows(database)).isZero();

                switchable.up();
                Eventually.until("the spool is replayed", () -> rows(database) == 7 && spooledLines(spool) == 0);
                ledger.recorded(record("req-08", "search"));
                Eventually.until("new records go to the database again", () -> rows(database) == 8);
            }
            assertThat(requestIds(database)).containsExactlyElementsOf(ids("req", 8));
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aDriverAssertionFailingAnInsertSpoolsTheBatchAndTheWriterGoesOn(Mode mode) {
        try (Database database = freshDatabase(mode, "llmgw_ledger_assertion")) {
            SwitchableDataSource switchable = new SwitchableDataSource(database.dataSource());
            Path spool = tempDirectory("llmgw-spool-");
            try (CostLedger ledger = CostLedger.start(switchable, settings(2, 10, 100, spool, 20), Path.of("unused"))) {
                switchable.failNextWith(new AssertionError("pgStatement.getConnection().getAutoCommit() should not "
                        + "throw"));
                ids("req", 2).forEach(id -> ledger.recorded(record(id, "search")));
                Eventually.until("the failed batch is replayed", () -> rows(database) == 2 && spooledLines(spool) == 0);
                ledger.recorded(record("req-03", "search"));
                Eventually.until("new records go to the database", () -> rows(database) == 3);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aReplayOfRecordsAlreadyStoredCountsThemOnce(Mode mode) throws Exception {
        try (Database database = freshDatabase(mode, "llmgw_ledger_replay")) {
            Path spool = tempDirectory("llmgw-spool-");
            List<LedgerEntry> entries = ids("req", 5).stream().map(id -> LedgerEntry.of(record(id, "search"))).toList();
            // as after a crash between the insert's commit and the spool file's deletion
            new LedgerTable(database.dataSource()).insert(entries.subList(0, 3));
            try (LedgerSpool leftOver = new LedgerSpool(spool)) {
                leftOver.append(entries);
                leftOver.sync();
            }

            try (CostLedger ledger = CostLedger.start(database.dataSource(), settings(2, 10, 100, spool, 20),
                    Path.of("unused"))) {
                Eventually.until("the spool is replayed", () -> spooledLines(spool) == 0);
            }

            assertThat(requestIds(database)).containsExactlyElementsOf(ids("req", 5));
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void closeWritesQueuedRecordsToTheSpoolWhenTheDatabaseIsDown(Mode mode) {
        try (Database database = freshDatabase(mode, "llmgw_ledger_close_down")) {
            SwitchableDataSource switchable = new SwitchableDataSource(database.dataSource());
            Path spool = tempDirectory("llmgw-spool-");
            CostLedger ledger = CostLedger.start(switchable, settings(100, AN_HOUR, 100, spool, AN_HOUR),
                    Path.of("unused"));
            switchable.down();
            ids("req", 3).forEach(id -> ledger.recorded(record(id, "search")));
            ledger.close();
            assertThat(spooledLines(spool)).isEqualTo(3);

            switchable.up();
            try (CostLedger restarted = CostLedger.start(switchable, settings(100, 10, 100, spool, 20),
                    Path.of("unused"))) {
                Eventually.until("the next run replays the spool", () -> rows(database) == 3);
            }
            assertThat(spooledLines(spool)).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void whenTheQueueIsFullRecordsGoStraightToTheSpool(Mode mode) throws Exception {
        try (Database database = freshDatabase(mode, "llmgw_ledger_queue_full")) {
            SwitchableDataSource slow = new SwitchableDataSource(database.dataSource());
            Path spool = tempDirectory("llmgw-spool-");
            try (CostLedger ledger = CostLedger.start(slow, settings(1, 10, 1, spool, 20), Path.of("unused"))) {
                slow.hold();
                ledger.recorded(record("req-01", "search"));
                slow.awaitHeld();
                ledger.recorded(record("req-02", "search"));
                ledger.recorded(record("req-03", "search"));
                ledger.recorded(record("req-04", "search"));
                assertThat(spooledLines(spool)).isEqualTo(2);

                slow.release();
                Eventually.until("queued and spooled records are written", () -> rows(database) == 4);
            }
            assertThat(requestIds(database)).containsExactlyElementsOf(ids("req", 4));
            assertThat(spooledLines(spool)).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aRecordWithOverlongTextOrTinyAmountsIsStoredToFit(Mode mode) {
        try (Database database = freshDatabase(mode, "llmgw_ledger_fit")) {
            String alias = "m".repeat(300);
            try (CostLedger ledger = CostLedger.start(database.dataSource(),
                    settings(10, 10, 100, tempDirectory("llmgw-spool-"), AN_HOUR), Path.of("unused"))) {
                ledger.recorded(new CallRecord(Instant.now(), "req-long", "chat-completions", "search", "default",
                        null, alias, null, null, null, false, 7, 0, 0, 0, new BigDecimal("0.000000123456789012"), null,
                        BigDecimal.ZERO, 5, 5, null, 404, "model_not_found"));
            }

            Jdbc jdbc = new Jdbc(database.dataSource(), "test");
            assertThat(jdbc.query("SELECT model_alias FROM call_ledger", r -> r.getString(1)))
                    .containsExactly(alias.substring(0, 128));
            assertThat(jdbc.query("SELECT cost_usd FROM call_ledger", r -> r.getBigDecimal(1)))
                    .singleElement().satisfies(cost -> assertThat(cost).isEqualByComparingTo("0.000000123457"));
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aRecordFinishedAfterCloseIsSpooledForTheNextRun(Mode mode) {
        try (Database database = freshDatabase(mode, "llmgw_ledger_late")) {
            Path spool = tempDirectory("llmgw-spool-");
            CostLedger ledger = CostLedger.start(database.dataSource(), settings(10, 10, 100, spool, 20),
                    Path.of("unused"));
            ledger.close();
            ledger.recorded(new CallRecord(Instant.now(), "req-late", "chat-completions", "search", "default", null,
                    null, null, null, null, false, 0, 0, 0, 0, BigDecimal.ZERO, null, BigDecimal.ZERO, 5, 5, null, 499,
                    "client_disconnected"));
            assertThat(spooledLines(spool)).isEqualTo(1);

            try (CostLedger next = CostLedger.start(database.dataSource(), settings(10, 10, 100, spool, 20),
                    Path.of("unused"))) {
                Eventually.until("the next run writes it", () -> rows(database) == 1);
            }
            assertThat(requestIds(database)).containsExactly("req-late");
        }
    }
}
