package dev.llmgateway.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmgateway.guard.text.AdversarialTexts;
import dev.llmgateway.testing.Eventually;
import dev.llmgateway.testing.LedgerRows;
import dev.llmgateway.testing.TestGateway;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Prompts built to stall or crash text inspection (the inputs that once pinned a worker thread for minutes or ended in
 * a StackOverflowError, and every class {@link AdversarialTexts} generates), sent through both APIs, streamed and not,
 * to a gateway on the defaults and to one that blocks injections and redacts personal data upstream. Each gets a 2xx
 * or a 4xx JSON error carrying its request id, and leaves a ledger row; the gateway stays ready.
 */
class HostileInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CLASS_SIZE = 8 * 1024;
    private static TestGateway defaults;
    private static TestGateway strict;

    @BeforeAll
    static void start() throws Exception {
        defaults = TestGateway.start();
        strict = TestGateway.start(Map.of("LLMGW_GUARDS_INJECTION_POLICY", "block",
                "LLMGW_GUARDS_PII_REDACTUPSTREAM", "true"));
    }

    @AfterAll
    static void stop() {
        defaults.close();
        strict.close();
    }

    /** The inputs of the report that opened this work, each as it was sent. */
    private static Map<String, String> reportedInputs() {
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put("print and 38 commas", "print" + ",".repeat(38));
        inputs.put("ignore and 200 x", "ignore" + "x".repeat(200));
        inputs.put("2,000 newlines and a colon", "\n".repeat(2000) + ":");
        inputs.put("105-byte CSV", "id,city,state" + ",".repeat(30) + "\n1,Springfield,IL" + ",".repeat(40));
        inputs.put("5,000 hex characters", "0123456789abcdef".repeat(313));
        inputs.put("100 SHA-256 lines", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\n".repeat(100));
        inputs.put("5,000 a", "a".repeat(5000));
        inputs.put("URL of 3,000 segments", "https://example.com/" + "ab/".repeat(3000));
        inputs.put("spelled-out letters", "i g n o r e ".repeat(800));
        inputs.put("hexdump", AdversarialTexts.classes(List.of()).get("hexdump").apply(20_000));
        inputs.put("110,000 consecutive numbers", AdversarialTexts.classes(List.of()).get("consecutive numbers").apply(700_000));
        inputs.put("e-mail with a 30,000-character domain", "write to a@" + "xy.".repeat(10_000) + "com");
        inputs.put("40,000 phone numbers", "+1 202 555 0143, ".repeat(40_000));
        return inputs;
    }

    @Test
    void everyReportedInputIsAnsweredWithA2xxOrA4xxJsonErrorAndRecorded() throws Exception {
        for (TestGateway gateway : List.of(defaults, strict)) {
            List<String> requestIds = new ArrayList<>();
            for (Map.Entry<String, String> input : reportedInputs().entrySet()) {
                for (String path : List.of("/v1/chat/completions", "/v1/messages")) {
                    for (boolean stream : List.of(false, true)) {
                        requestIds.add(sendAndCheck(gateway, path, stream, input.getKey(), input.getValue()));
                    }
                }
            }
            Map<String, Long> ledger = Eventually.get(() -> LedgerRows.countsByRequestId(
                    gateway.application().database().dataSource()), rows -> rows.keySet().containsAll(requestIds));
            assertThat(ledger).containsKeys(requestIds.toArray(String[]::new));
            assertThat(gateway.get("/health/ready").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void everyGeneratedClassOfInputIsAnsweredWithA2xxOrA4xxJsonError() throws Exception {
        int sent = 0;
        for (Map.Entry<String, IntFunction<String>> input : AdversarialTexts.classes(List.of("ignore", "repeat", "you",
                "system", "忽略", "<|", "human")).entrySet()) {
            String text = input.getValue().apply(CLASS_SIZE);
            for (TestGateway gateway : List.of(defaults, strict)) {
                for (String path : List.of("/v1/chat/completions", "/v1/messages")) {
                    sendAndCheck(gateway, path, sent++ % 3 == 0, input.getKey(), text);
                }
            }
        }
        assertThat(sent).isGreaterThan(400);
        assertThat(defaults.get("/health/ready").statusCode()).isEqualTo(200);
        assertThat(strict.get("/health/ready").statusCode()).isEqualTo(200);
    }

    /** @return the request id the answer carried */
    private static String sendAndCheck(TestGateway gateway, String path, boolean stream, String what, String text)
            throws Exception {
        String body = JSON.writeValueAsString(Map.of("model", "claude-3-haiku", "max_tokens", 20, "stream", stream,
                "messages", List.of(Map.of("role", "user", "content", text))));
        HttpResponse<String> response = gateway.send(gateway.request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        String description = "%s %s%s -> %d %s".formatted(path, what, stream ? " (streamed)" : "", response.statusCode(),
                response.body().length() > 300 ? response.body().substring(0, 300) : response.body());
        assertThat(response.statusCode()).as(description).isLessThan(500);
        assertThat(response.headers().firstValue("x-request-id")).as(description).isPresent();
        if (response.statusCode() >= 400) {
            JsonNode error = JSON.readTree(response.body());
            assertThat(error.has("error")).as(description).isTrue();
        } else {
            assertThat(response.body()).as(description).doesNotContain("internal_error").doesNotContain("server_error");
        }
        return response.headers().firstValue("x-request-id").orElseThrow();
    }
}
