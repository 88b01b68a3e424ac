package dev.llmgateway.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.testing.PlantedSecrets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs after the whole unit and end-to-end suite (failsafe, in {@code mvn verify}) and scans everything every logger
 * wrote during it (target/test-logs/suite.log, see src/test/resources/log4j2-suite-file.xml) for the planted secrets.
 */
class SuiteLogSecretsIT {

    private static final Path SUITE_LOG = Path.of("target/test-logs/suite.log");

    @Test
    void noPlantedSecretAppearsAnywhereInTheSuitesLog() throws IOException {
        assertThat(SUITE_LOG).as("the suite's log (written by the surefire run before this)").exists();
        List<String> leaks = new ArrayList<>();
        boolean planted = false;
        try (Stream<String> lines = Files.lines(SUITE_LOG, StandardCharsets.UTF_8)) {
            for (String line : (Iterable<String>) lines::iterator) {
                planted |= line.contains(PlantedSecrets.REQUEST_ID_PREFIX);
                PlantedSecrets.foundIn(line).forEach(value -> leaks.add(value + " in: " + abbreviated(line)));
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        assertThat(planted).as("PlantedSecretsTest's calls are in the log, so the scan looked at them").isTrue();
        assertThat(leaks).as("planted secrets in %s", SUITE_LOG).isEmpty();
    }

    private static String abbreviated(String line) {
        return line.length() > 400 ? line.substring(0, 400) + "..." : line;
    }
}
