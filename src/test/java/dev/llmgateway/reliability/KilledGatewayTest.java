package dev.llmgateway.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.emulator.BedrockEmulator;
import dev.llmgateway.ledger.LedgerSettings;
import dev.llmgateway.store.Database;
import dev.llmgateway.store.StorageSettings;
import dev.llmgateway.testing.ConcurrentLoad;
import dev.llmgateway.testing.ConcurrentLoad.Reply;
import dev.llmgateway.testing.Eventually;
import dev.llmgateway.testing.GatewayProcess;
import dev.llmgateway.testing.LedgerRows;
import dev.llmgateway.testing.ServiceBound;
import dev.llmgateway.testing.TestGateway;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A gateway killed with SIGKILL under load and started again on the same data directory keeps the ledger row of
 * every call it answered, except those answered within the design's window before the kill: records wait in memory
 * for at most ledger.flushIntervalMs before their batch is written.
 */
@ServiceBound
class KilledGatewayTest {

    private static final String CHAT = """
            {"model": "claude-3-haiku", "max_tokens": 20, "messages": [{"role": "user", "content": "Hello there."}]}""";
    private static final int SIGKILL_EXIT_STATUS = 128 + 9;
    private static final int CLIENTS = 8;
    private static final long FLUSH_INTERVAL_MS = LedgerSettings.defaults().flushIntervalMs();
    /** Time for the writer's batch insert to commit once the flush interval is over. */
    private static final long INSERT_MARGIN_MS = 1_000;

    @Test
    void everyCallAnsweredBeforeTheLedgersWindowIsInTheLedgerAfterARestart() throws Exception {
        Path dataDir = Files.createTempDirectory("llmgw-killed-");
        int loadBeforeKill = Boolean.getBoolean("reliability.heavy") ? 5_000 : 200;
        try (BedrockEmulator emulator = BedrockEmulator.start(0);
             GatewayProcess gateway = GatewayProcess.start(dataDir, emulator.endpoint(), Map.of())) {
            ConcurrentLoad load = ConcurrentLoad.start(CLIENTS, "killed", id -> HttpRequest.newBuilder(
                    gateway.uri("/v1/chat/completions")).header("Authorization", "Bearer " + TestGateway.API_KEY)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(CHAT)));
            load.awaitMoreReplies(loadBeforeKill);

            long killedAt = System.nanoTime();
            int exitStatus = gateway.kill();
            List<Reply> replies = load.stop();
            gateway.startAgain();
            Eventually.until("the restarted gateway has written the spool left by the killed one",
                    () -> spoolFiles(dataDir).isEmpty());

            Map<String, Long> ledger;
            gateway.close(); // one process at a time opens the embedded database
            try (Database database = Database.open(new StorageSettings(StorageSettings.Mode.EMBEDDED,
                    dataDir.toString(), null))) {
                ledger = LedgerRows.countsByRequestId(database.dataSource());
            }
            List<Reply> answered = replies.stream().filter(r -> r.status() == 200).toList();
            long window = TimeUnit.MILLISECONDS.toNanos(FLUSH_INTERVAL_MS + INSERT_MARGIN_MS);
            List<Reply> answeredBeforeTheWindow = answered.stream()
                    .filter(r -> killedAt - r.endedNanos() > window).toList();
            List<Reply> lost = answered.stream().filter(r -> !ledger.containsKey(r.requestId())).toList();
            System.out.printf("Killed under load: of %d calls answered 200, %d are not in the ledger, the earliest "
                    + "answered %d ms before the kill.%n", answered.size(), lost.size(), lost.stream()
                    .mapToLong(r -> TimeUnit.NANOSECONDS.toMillis(killedAt - r.endedNanos())).max().orElse(0));

            assertThat(exitStatus).as("killed by SIGKILL").isEqualTo(SIGKILL_EXIT_STATUS);
            assertThat(answered).hasSizeGreaterThanOrEqualTo(loadBeforeKill / 2);
            assertThat(answeredBeforeTheWindow).allSatisfy(reply ->
                    assertThat(ledger).as("ledger row of %s, answered %d ms before the kill", reply.requestId(),
                            TimeUnit.NANOSECONDS.toMillis(killedAt - reply.endedNanos()))
                            .containsKey(reply.requestId()));
            assertThat(ledger.values()).as("one row per call").allMatch(count -> count == 1);
            assertThat(Set.copyOf(load.sentRequestIds())).containsAll(ledger.keySet());
        }
    }

    private static List<Path> spoolFiles(Path dataDir) {
        Path spool = LedgerSettings.defaults().spoolPath(dataDir);
        if (!Files.isDirectory(spool)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(spool)) {
            return files.toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
