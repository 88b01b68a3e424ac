package dev.llmgateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmgateway.testing.ServiceBound;
import dev.llmgateway.testing.TestGateway;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real client libraries in Node.js against one gateway: the official OpenAI Node SDK, the Anthropic TypeScript SDK,
 * the Vercel AI SDK (OpenAI and Anthropic providers) and LangChain.js (ChatOpenAI, ChatAnthropic). Each chat script
 * in src/test/js runs a plain and a streamed chat and a two-turn tool loop, plain and streamed, with the library's own
 * code (its stream accumulators, the AI SDK's multi-step loop running the tool's execute function), asks for a
 * structured answer of a JSON schema and reads the object the library parsed (OpenAI's chat.completions.parse, the
 * Anthropic SDK's messages.parse, the AI SDK's object output, LangChain's withStructuredOutput), and sends a PNG it
 * builds in the library's own image form (a data URL, a base64 block, raw bytes, a content part); it prints a JSON
 * summary that this test checks. The embeddings scripts (the OpenAI Node SDK's embeddings.create, LangChain.js's
 * OpenAIEmbeddings) embed a batch at 256 dimensions, as floats and as base64; openai-responses.mjs runs a Responses
 * conversation with the OpenAI Node SDK. The packages are pinned by src/test/js/package-lock.json and installed there
 * by bin/setup-test-services (npm ci).
 */
@ServiceBound
class ClientSdksTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SCRIPTS = Path.of("src", "test", "js");
    /** A hung script is killed after this; each one takes about a second. Not a measure of speed. */
    private static final long SAFETY_NET_SECONDS = 180;
    private static final List<String> TOOL_LOOPS = List.of("toolLoop", "streamedToolLoop");

    private static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        if (!Files.isDirectory(SCRIPTS.resolve("node_modules"))) {
            fail(SCRIPTS.toAbsolutePath().resolve("node_modules") + " is missing: run bin/setup-test-services, "
                    + "which installs Node.js if needed and the client packages with npm ci");
        }
        gateway = TestGateway.start();
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"openai-node", "anthropic-sdk", "ai-sdk-openai", "ai-sdk-anthropic", "langchain-openai",
            "langchain-anthropic"})
    void chatsRunsAToolLoopParsesAStructuredAnswerAndSendsAnImage(String client) throws Exception {
        JsonNode summary = run(client + ".mjs");

        assertRanPinnedVersions(summary, client);
        String plain = summary.path("plain").path("text").asText();
        assertThat(plain).as("the plain answer").isNotBlank();
        assertThat(summary.path("streamed").path("text").asText()).as("the streamed answer, put together")
                .isEqualTo(plain);
        assertThat(summary.path("streamed").path("deltas").asInt()).as("text deltas").isGreaterThan(1);
        for (String loop : TOOL_LOOPS) {
            JsonNode result = summary.path(loop);
            assertThat(result.path("toolCalls")).as(loop + ": the tool calls").hasSize(1);
            JsonNode call = result.path("toolCalls").get(0);
            assertThat(call.path("name").asText()).as(loop + ": the tool called").isEqualTo("get_weather");
            assertThat(call.path("id").asText()).as(loop + ": the call's id").isNotBlank();
            assertThat(call.path("arguments").path("city").asText())
                    .as(loop + ": the arguments " + call.path("arguments")).isEqualTo("Lima");
            assertThat(result.path("finalText").asText()).as(loop + ": the answer after the tool result")
                    .contains("18 degrees and sunny");
            if (result.has("executed")) {
                // the AI SDK ran the loop: it called the tool's execute function with the model's arguments
                assertThat(result.path("executed")).as(loop + ": the tool's executions").hasSize(1);
                assertThat(result.path("executed").get(0).path("city").asText()).isEqualTo("Lima");
            }
        }
        assertStructuredForecast(summary.path("structured").path("parsed"));
        assertImageSeen(summary.path("image"));
    }

    /** The object the library parsed from the answer to the forecast's JSON schema: Lima's, of the schema's types. */
    private static void assertStructuredForecast(JsonNode parsed) {
        List<String> fields = new ArrayList<>();
        parsed.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).as("the parsed object " + parsed).containsExactlyInAnyOrder("city", "celsius", "sunny");
        assertThat(parsed.path("city").asText()).as("the city, from the prompt").isEqualTo("Lima");
        assertThat(parsed.path("celsius").isIntegralNumber()).as("celsius, an integer: " + parsed).isTrue();
        assertThat(parsed.path("sunny").isBoolean()).as("sunny, a boolean: " + parsed).isTrue();
    }

    /** The emulated model describes the image it received: the PNG's dimensions and the hash of the bytes sent. */
    private static void assertImageSeen(JsonNode image) {
        JsonNode sent = image.path("sent");
        assertThat(sent.path("sha256Prefix").asText()).as("the script's hash of the PNG").matches("[0-9a-f]{8}");
        assertThat(image.path("text").asText()).as("the answer about the image").contains("I see an image (png, "
                + sent.path("width").asInt() + "x" + sent.path("height").asInt() + ", sha256 "
                + sent.path("sha256Prefix").asText() + ").");
    }

    /**
     * The Anthropic SDK's tool loop with thinking on, plain and streamed: thinking first in both answers, sent back
     * unchanged (the second turn would be refused otherwise), counted in the output and by count_tokens.
     */
    @Test
    void theAnthropicSdkRunsAToolLoopWithThinkingAndCountsTokens() throws Exception {
        JsonNode summary = run("anthropic-sdk.mjs");

        JsonNode plain = summary.path("thinkingToolLoop");
        for (String loop : List.of("thinkingToolLoop", "streamedThinkingToolLoop")) {
            JsonNode result = summary.path(loop);
            assertThat(result.path("blockTypes").toString()).as(loop)
                    .isEqualTo("[[\"thinking\",\"text\",\"tool_use\"],[\"thinking\",\"text\"]]");
            assertThat(result.path("stopReasons").toString()).as(loop).isEqualTo("[\"tool_use\",\"end_turn\"]");
            assertThat(result.path("finalText").asText()).as(loop).contains("18 degrees and sunny");
            assertThat(result.path("thinking").get(0).path("signature").asText()).as(loop).isNotBlank();
            assertThat(result.path("thinking")).as(loop + ": the thinking, streamed or not")
                    .isEqualTo(plain.path("thinking"));
            assertThat(result.path("thinkingTokens").asInt()).as(loop).isPositive()
                    .isLessThan(result.path("outputTokens").asInt());
            assertThat(result.path("countedInputTokens").asInt()).as(loop + ": count_tokens of the whole loop")
                    .isGreaterThan(result.path("countedInputTokensOfTheQuestion").asInt());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"openai-node-embeddings", "langchain-embeddings"})
    void embedsABatchAt256DimensionsWhicheverWayTheClientAsks(String client) throws Exception {
        JsonNode summary = run(client + ".mjs");

        assertRanPinnedVersions(summary, client);
        List<String> scenarios = new ArrayList<>();
        summary.fieldNames().forEachRemaining(name -> {
            if (!name.equals("client") && !name.equals("versions")) {
                scenarios.add(name);
            }
        });
        assertThat(scenarios).hasSize(2);
        JsonNode first = summary.path(scenarios.get(0));
        for (String scenario : scenarios) {
            JsonNode result = summary.path(scenario);
            assertThat(result.path("count").asInt()).as(scenario + ": vectors").isEqualTo(3);
            assertThat(result.path("dimensions")).as(scenario + ": lengths").allSatisfy(
                    length -> assertThat(length.asInt()).isEqualTo(256));
            assertThat(result.path("norms")).as(scenario + ": norms").allSatisfy(
                    norm -> assertThat(norm.asDouble()).isCloseTo(1.0, within(1e-3)));
            assertThat(result.path("similarTextsCloser").asBoolean()).as(scenario + ": texts sharing words closer")
                    .isTrue();
            assertThat(result.path("heads")).as(scenario + ": the same vectors as " + scenarios.get(0))
                    .isEqualTo(first.path("heads"));
        }
    }

    private static void assertRanPinnedVersions(JsonNode summary, String client) throws IOException {
        assertThat(summary.path("client").asText()).isEqualTo(client);
        JsonNode pinned = JSON.readTree(SCRIPTS.resolve("package.json").toFile()).path("dependencies");
        summary.path("versions").fields().forEachRemaining(version -> assertThat(version.getValue().asText())
                .as(version.getKey() + " in node_modules is not the version package.json pins: "
                        + "run bin/setup-test-services")
                .isEqualTo(pinned.path(version.getKey()).asText()));
    }

    @Test
    void theOpenAiNodeSdkRunsAResponsesConversation() throws Exception {
        JsonNode summary = run("openai-responses.mjs");

        assertThat(summary.path("versions").path("openai").asText())
                .isEqualTo(JSON.readTree(SCRIPTS.resolve("package.json").toFile()).path("dependencies").path("openai")
                        .asText());
        assertThat(summary.path("plain").path("id").asText()).startsWith("resp_");
        assertThat(summary.path("plain").path("status").asText()).isEqualTo("completed");
        assertThat(summary.path("plain").path("text").asText()).as("the SDK's output_text").isNotBlank();
        JsonNode followUp = summary.path("followUp");
        assertThat(followUp.path("previousResponseId").asText()).isEqualTo(followUp.path("firstId").asText());
        assertThat(followUp.path("inputTokens").asInt()).as("the follow-up read the first exchange")
                .isGreaterThan(followUp.path("aloneInputTokens").asInt() + followUp.path("firstInputTokens").asInt());
        JsonNode streamed = summary.path("streamed");
        assertThat(streamed.path("types").get(0).asText()).isEqualTo("response.created");
        assertThat(streamed.path("types").get(streamed.path("types").size() - 1).asText())
                .isEqualTo("response.completed");
        assertThat(streamed.path("text").asText()).isNotBlank().isEqualTo(streamed.path("finalText").asText());
        JsonNode toolLoop = summary.path("toolLoop");
        assertThat(toolLoop.path("toolCalls")).hasSize(1);
        assertThat(toolLoop.path("toolCalls").get(0).path("name").asText()).isEqualTo("get_weather");
        assertThat(toolLoop.path("toolCalls").get(0).path("arguments").path("city").asText()).isEqualTo("Lima");
        assertThat(toolLoop.path("finalCalls").asInt()).isZero();
        assertThat(toolLoop.path("finalText").asText()).contains("18 degrees and sunny");
        assertThat(summary.path("retrieveAndDelete").path("sameText").asBoolean()).isTrue();
        assertThat(summary.path("retrieveAndDelete").path("statusAfterDelete").asInt()).isEqualTo(404);
    }

    /** Runs {@code node <script>} against the gateway and returns the JSON summary it printed. */
    private static JsonNode run(String script) throws Exception {
        Path out = Files.createTempFile("client-sdk-", ".out");
        Path err = Files.createTempFile("client-sdk-", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder("node", script).directory(SCRIPTS.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().put("GATEWAY_URL", gateway.uri("").toString());
            builder.environment().put("API_KEY", TestGateway.API_KEY);
            Process node;
            try {
                node = builder.start();
            } catch (IOException e) {
                throw new AssertionError("cannot run node: run bin/setup-test-services, which installs Node.js", e);
            }
            if (!node.waitFor(SAFETY_NET_SECONDS, TimeUnit.SECONDS)) {
                node.destroyForcibly().waitFor();
                fail(script + " did not finish within " + SAFETY_NET_SECONDS + " s; it printed:\n"
                        + Files.readString(err));
            }
            String stdout = Files.readString(out);
            String stderr = Files.readString(err);
            assertThat(node.exitValue()).as(script + " failed:\n" + stderr + stdout).isZero();
            String[] lines = stdout.strip().split("\n");
            return JSON.readTree(lines[lines.length - 1]);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
