package dev.llmgateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.auth.ApiKeys;
import dev.llmgateway.testing.ServiceBound;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One process at a time opens the embedded database (there is no server to share it through): another is told so
 * at once ({@link Database#openUnlessInUse}, for the command-line tools) or waits a while for it
 * ({@link Database#open}, for a gateway starting while a tool reads the file).
 */
@ServiceBound
class EmbeddedDatabaseInUseTest {

    /** Run in a JVM of its own: opens the database under args[0], says "held", keeps it args[1] ms, closes it. */
    public static void main(String[] args) throws Exception {
        try (Database database = Database.open(new StorageSettings(StorageSettings.Mode.EMBEDDED, args[0], null))) {
            new ApiKeys(database.dataSource()).create("held", "by another process", null);
            System.out.println("held");
            System.out.flush();
            Thread.sleep(Long.parseLong(args[1]));
        }
    }

    private static Process holder(Path dataDir, long millis) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                EmbeddedDatabaseInUseTest.class.getName(), dataDir.toString(), Long.toString(millis)))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null && !line.equals("held")) {
            // the holder's log lines
        }
        assertThat(line).as("the other process holds the database").isEqualTo("held");
        return process;
    }

    @Test
    void aFileHeldByAnotherProcessIsToldApartAtOnce() throws Exception {
        Path dataDir = Files.createTempDirectory("llmgw-held-");
        StorageSettings settings = new StorageSettings(StorageSettings.Mode.EMBEDDED, dataDir.toString(), null);
        Process holder = holder(dataDir, 20_000);
        try {
            long started = System.nanoTime();
            assertThatThrownBy(() -> Database.openUnlessInUse(settings))
                    .isInstanceOf(DatabaseInUseException.class)
                    .hasMessageContaining("The embedded database under " + dataDir + " is in use by another process")
                    .satisfies(e -> assertThat(((DatabaseInUseException) e).dataDir()).isEqualTo(dataDir));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        } finally {
            holder.destroy();
            holder.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aGatewayStartingWhileAToolReadsTheFileWaitsForIt() throws Exception {
        Path dataDir = Files.createTempDirectory("llmgw-briefly-held-");
        StorageSettings settings = new StorageSettings(StorageSettings.Mode.EMBEDDED, dataDir.toString(), null);
        Process holder = holder(dataDir, 1_500);
        try (Database database = Database.open(settings)) {
            assertThat(new ApiKeys(database.dataSource()).list("held")).hasSize(1);
        } finally {
            holder.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
