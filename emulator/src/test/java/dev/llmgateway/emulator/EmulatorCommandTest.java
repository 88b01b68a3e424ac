package dev.llmgateway.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;

class EmulatorCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @ParameterizedTest
    @ValueSource(strings = {"", "--port", "--port abc", "--port 70000", "--port -1", "--verbose", "--port 0 --region-config"})
    void badArgumentsPrintUsageAndFail(String args) {
        int code = EmulatorCommand.run(args.isEmpty() ? new String[0] : args.split(" "), printer(out), printer(err));

        assertThat(code).isEqualTo(EmulatorCommand.BAD_ARGUMENTS);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(EmulatorCommand.USAGE).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void unreadableRegionConfigIsABadArgument(@TempDir Path dir) throws Exception {
        Path broken = Files.writeString(dir.resolve("regions.json"), "{\"us-east-1\": {\"nonsense\": true}}");
        assertThat(EmulatorCommand.run(new String[] {"--port", "0", "--region-config", broken.toString()}, printer(out), printer(err)))
                .isEqualTo(EmulatorCommand.BAD_ARGUMENTS);
        assertThat(EmulatorCommand.run(new String[] {"--port", "0", "--region-config", dir.resolve("missing.json").toString()},
                printer(out), printer(err))).isEqualTo(EmulatorCommand.BAD_ARGUMENTS);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot read region config");
    }

    @Test
    void aGuardrailConfigThatIsNotAGuardrailIsABadArgument(@TempDir Path dir) throws Exception {
        Path broken = Files.writeString(dir.resolve("guardrails.json"),
                "{\"gr1\": {\"pii\": [{\"type\": \"NAME\", \"action\": \"ANONYMIZED\"}]}}");
        assertThat(EmulatorCommand.run(new String[] {"--port", "0", "--guardrail-config", broken.toString()},
                printer(out), printer(err))).isEqualTo(EmulatorCommand.BAD_ARGUMENTS);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot read guardrail config");
    }

    @Test
    void runsWithARegionConfigUntilInterrupted(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("regions.json"),
                "{\"us-east-1\": {\"failureRates\": {\"ThrottlingException\": 1.0}}, \"us-west-2\": {}}");
        AtomicInteger exitCode = new AtomicInteger(-1);
        Thread command = new Thread(() -> exitCode.set(EmulatorCommand.run(
                new String[] {"emulator", "--port", "0", "--region-config", config.toString()}, printer(out), printer(err))));
        command.start();

        StreamingTest.awaitTrue(() -> out.toString(StandardCharsets.UTF_8).contains("listening"), Duration.ofSeconds(10));
        Matcher line = Pattern.compile("^Bedrock emulator listening on http://127\\.0\\.0\\.1:(\\d+)\\R$").matcher(out.toString(StandardCharsets.UTF_8));
        assertThat(line.matches()).isTrue();
        int port = Integer.parseInt(line.group(1));

        try (BedrockRuntimeClient east = SdkClients.sync(URI.create("http://127.0.0.1:" + port), "us-east-1");
             BedrockRuntimeClient west = SdkClients.sync(URI.create("http://127.0.0.1:" + port), "us-west-2")) {
            assertThatThrownBy(() -> invoke(east)).isInstanceOf(ThrottlingException.class);
            assertThat(invoke(west)).contains("assistant");
        }
        command.interrupt();
        command.join(10_000);
        assertThat(exitCode.get()).isZero();
    }

    private static String invoke(BedrockRuntimeClient client) {
        return client.invokeModel(r -> r.modelId(SdkClients.CLAUDE).body(RequestBodies.bytes(RequestBodies.claude("Hi?", 10))))
                .body().asUtf8String();
    }

    private static PrintStream printer(ByteArrayOutputStream buffer) {
        return new PrintStream(buffer, true, StandardCharsets.UTF_8);
    }
}
