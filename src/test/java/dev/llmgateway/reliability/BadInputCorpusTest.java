package dev.llmgateway.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.testing.RawHttp;
import dev.llmgateway.testing.TestGateway;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A generated corpus of malformed requests: every one must get a 4xx JSON error (never a 5xx, never a hang, never a
 * stack trace), nothing may reach the upstream, and the gateway must still be healthy afterwards.
 */
class BadInputCorpusTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VALID = """
            {"model": "claude-3-haiku", "max_tokens": 20, "temperature": 0.5, "top_p": 0.9, "stop": ["END"],
             "stream": false, "user": "u1", "stream_options": {"include_usage": true},
             "messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hello there."}]}""";
    private static final List<String> FIELDS = List.of("/model", "/max_tokens", "/temperature", "/top_p", "/stop",
            "/stream", "/user", "/stream_options", "/messages", "/messages/0", "/messages/1/role",
            "/messages/1/content", "/n", "/max_completion_tokens", "/stream_options/include_usage");
    private static final String VALID_RESPONSES = """
            {"model": "claude-3-haiku", "max_output_tokens": 20, "temperature": 0.5, "instructions": "Be brief.",
             "store": false, "metadata": {"k": "v"}, "text": {"format": {"type": "text"}},
             "tools": [{"type": "function", "name": "f", "parameters": {"type": "object"}}], "tool_choice": "none",
             "input": [{"role": "user", "content": [{"type": "input_text", "text": "Hello there."}]}]}""";
    private static final List<String> RESPONSES_FIELDS = List.of("/model", "/max_output_tokens", "/temperature",
            "/instructions", "/store", "/metadata", "/metadata/k", "/text", "/text/format", "/text/format/type",
            "/tools", "/tools/0", "/tools/0/type", "/tools/0/name", "/tools/0/parameters", "/tool_choice", "/input",
            "/input/0", "/input/0/role", "/input/0/type", "/input/0/content", "/input/0/content/0",
            "/input/0/content/0/type", "/input/0/content/0/text", "/previous_response_id", "/stream");
    private static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = TestGateway.start(Map.of("LLMGW_SERVER_MAXREQUESTBYTES", "262144"));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    /** Values of every JSON type, and the edges of the numeric ones; a few are valid for some fields. */
    private static List<JsonNode> hostileValues() throws Exception {
        return List.of(JSON.readTree("null"), JSON.readTree("-1"), JSON.readTree("0"), JSON.readTree("1e308"),
                JSON.readTree("-0.000001"), JSON.readTree("9223372036854775808"), JSON.readTree("\"\""),
                JSON.readTree("\"x\""), JSON.readTree("true"), JSON.readTree("[]"), JSON.readTree("[null]"),
                JSON.readTree("{}"), JSON.readTree("{\"role\": \"tool\"}"),
                JSON.getNodeFactory().textNode("\u0000\u202e\ud800".repeat(10)),
                JSON.getNodeFactory().textNode("y".repeat(200_000)));
    }

    private static List<String> corpus() throws Exception {
        List<String> bodies = new ArrayList<>();
        for (String field : FIELDS) {
            for (JsonNode value : hostileValues()) {
                bodies.add(replaced(field, node -> setAt(node, field, value)));
            }
        }
        for (int cut = 1; cut < VALID.length(); cut += 7) {
            bodies.add(VALID.substring(0, cut));
        }
        Random random = new Random(42);
        for (int i = 0; i < 40; i++) {
            byte[] noise = new byte[1 + random.nextInt(400)];
            random.nextBytes(noise);
            bodies.add(new String(noise, StandardCharsets.ISO_8859_1));
        }
        bodies.add("{\"model\": \"claude-3-haiku\", \"messages\": " + "[".repeat(3000) + "]".repeat(3000) + "}");
        bodies.add("{\"model\": \"claude-3-haiku\", \"messages\": [{\"role\": \"user\", \"content\": \"a\"}], "
                + "\"model\": \"other\"}");
        bodies.add("{\"model\": \"claude-3-haiku\", \"messages\": [{\"role\": \"user\", \"content\": [{\"type\": "
                + "\"image_url\", \"image_url\": {\"url\": \"file:///etc/passwd\"}}]}]}");
        return bodies;
    }

    private static String replaced(String field, Consumer<ObjectNode> change) throws Exception {
        ObjectNode body = (ObjectNode) JSON.readTree(VALID);
        change.accept(body);
        return JSON.writeValueAsString(body);
    }

    private static void setAt(ObjectNode body, String pointer, JsonNode value) {
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = slash == 0 ? body : body.at(pointer.substring(0, slash));
        String last = pointer.substring(slash + 1);
        if (parent instanceof ObjectNode object) {
            object.set(last, value);
        } else if (parent.isArray()) {
            ((com.fasterxml.jackson.databind.node.ArrayNode) parent).set(Integer.parseInt(last), value);
        }
    }

    @Test
    void everyMalformedRequestGetsA4xxJsonErrorAndNothingGoesUpstream() throws Exception {
        long upstreamBefore = gateway.emulator().stats("us-east-1").requestsReceived();
        int refused = 0;
        int accepted = 0;
        for (String body : corpus()) {
            for (String path : List.of("/v1/chat/completions", "/v1/messages")) {
                HttpResponse<String> response;
                try {
                    response = gateway.send(gateway.request(path)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.ISO_8859_1)));
                } catch (RuntimeException e) {
                    throw new AssertionError(path + " " + abbreviated(body) + " -> " + e.getMessage(), e);
                }
                assertThat(response.statusCode()).as("%s %s -> %s", path, abbreviated(body), response.body())
                        .isLessThan(500);
                if (response.statusCode() >= 400) {
                    refused++;
                    assertJsonError(response);
                } else {
                    accepted++;
                }
            }
        }
        assertThat(refused).isGreaterThan(300);
        long upstreamAfter = gateway.emulator().stats("us-east-1").requestsReceived();
        assertThat(upstreamAfter - upstreamBefore).as("only requests the gateway accepted went upstream")
                .isLessThanOrEqualTo(accepted);
        assertThat(gateway.get("/health/ready").statusCode()).isEqualTo(200);
    }

    @Test
    void everyMalformedResponsesRequestGetsA4xxJsonErrorAndNothingGoesUpstream() throws Exception {
        long upstreamBefore = gateway.emulator().stats("us-east-1").requestsReceived();
        int accepted = 0;
        for (String field : RESPONSES_FIELDS) {
            for (JsonNode value : hostileValues()) {
                ObjectNode node = (ObjectNode) JSON.readTree(VALID_RESPONSES);
                setAt(node, field, value);
                String body = JSON.writeValueAsString(node);
                HttpResponse<String> response = gateway.post("/v1/responses", body);
                assertThat(response.statusCode()).as("%s -> %s", abbreviated(body), response.body()).isLessThan(500);
                if (response.statusCode() >= 400) {
                    assertJsonError(response);
                } else {
                    accepted++;
                }
            }
        }
        long upstreamAfter = gateway.emulator().stats("us-east-1").requestsReceived();
        assertThat(upstreamAfter - upstreamBefore).as("only requests the gateway accepted went upstream")
                .isLessThanOrEqualTo(accepted);
        assertThat(gateway.get("/health/ready").statusCode()).isEqualTo(200);
    }

    /** The same request in each API's shape, with the user message's content (a JSON value) given. */
    private static String request(String path, String messages) {
        return path.equals("/v1/messages")
                ? "{\"model\": \"claude-3-haiku\", \"max_tokens\": 20, \"messages\": " + messages + "}"
                : "{\"model\": \"claude-3-haiku\", \"messages\": " + messages + "}";
    }

    @Test
    void eachKindOfBadInputIsNamedInBothApis() throws Exception {
        Map<String, String> problems = new java.util.LinkedHashMap<>();
        problems.put("[{\"role\": \"wizard\", \"content\": \"Hi\"}]", "role");
        problems.put("[]", "messages");
        problems.put("[{\"role\": \"user\", \"content\": \"\"}]", "content");
        problems.put("[{\"role\": \"user\", \"content\": []}]", "content");
        problems.put("[{\"role\": \"user\"}]", "content");
        problems.put("[" + "[".repeat(5000) + "]".repeat(5000) + "]", "JSON");
        long upstreamBefore = gateway.emulator().stats("us-east-1").requestsReceived();
        for (String path : List.of("/v1/chat/completions", "/v1/messages")) {
            for (Map.Entry<String, String> problem : problems.entrySet()) {
                HttpResponse<String> response = gateway.post(path, request(path, problem.getKey()));
                assertThat(response.statusCode()).as("%s %s -> %s", path, abbreviated(problem.getKey()), response.body())
                        .isEqualTo(400);
                assertJsonError(response);
                assertThat(JSON.readTree(response.body()).at("/error/message").asText())
                        .as("%s %s", path, abbreviated(problem.getKey())).containsIgnoringCase(problem.getValue());
            }
            HttpResponse<String> invalidUtf8 = gateway.send(gateway.request(path)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(withInvalidUtf8(request(path,
                            "[{\"role\": \"user\", \"content\": \"caf@@\"}]")))));
            assertThat(invalidUtf8.statusCode()).as(path + " invalid UTF-8 -> " + invalidUtf8.body()).isEqualTo(400);
            assertJsonError(invalidUtf8);
            assertThat(JSON.readTree(invalidUtf8.body()).at("/error/message").asText()).contains("UTF-8");

            HttpResponse<String> hugeModel = gateway.post(path, request(path,
                    "[{\"role\": \"user\", \"content\": \"Hi\"}]").replace("claude-3-haiku", "m".repeat(100_000)));
            assertThat(hugeModel.statusCode()).as(path + " a 100,000-character model name").isBetween(400, 499);
            assertJsonError(hugeModel);
            assertThat(hugeModel.body()).contains("model").hasSizeLessThan(2_000);

            HttpResponse<String> oversized = gateway.post(path, request(path,
                    "[{\"role\": \"user\", \"content\": \"" + "o".repeat(300_000) + "\"}]"));
            assertThat(oversized.statusCode()).as(path + " over server.maxRequestBytes").isEqualTo(413);
            assertJsonError(oversized);
            assertThat(oversized.body()).contains("262144 bytes");
        }
        assertThat(gateway.emulator().stats("us-east-1").requestsReceived()).as("nothing went upstream")
                .isEqualTo(upstreamBefore);
        assertThat(gateway.get("/health/ready").statusCode()).isEqualTo(200);
    }

    /** The body's "@@" replaced by a byte sequence that is not UTF-8 (a lead byte followed by an ASCII one). */
    private static byte[] withInvalidUtf8(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        int at = body.indexOf("@@");
        bytes[at] = (byte) 0xC3;
        bytes[at + 1] = (byte) 0x28;
        return bytes;
    }

    @Test
    void pathTricksNeverReachAnotherRoute() throws Exception {
        for (String path : List.of("/v1/../admin/keys", "/v1/%2e%2e/admin/keys", "//admin/keys", "/admin/keys/..%2f",
                "/v1/chat/completions%00", "/v1/chat/completions/../../admin/keys", "/%ff%fe", "/v1/models?x=%zz")) {
            String answer = raw("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            int status = Integer.parseInt(answer.substring(9, 12));
            assertThat(status).as(path + " -> " + answer).isBetween(400, 499);
            assertThat(answer).doesNotContain("\"object\":\"list\"").doesNotContain("Exception");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/chat/completions", "/v1/messages"})
    void headerValuesCannotInjectResponseHeaders(String path) throws Exception {
        String answer = raw("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + "Authorization: Bearer " + TestGateway.API_KEY + "\r\n"
                + "x-request-id: abcdefgh%0d%0aSet-Cookie:%20owned=1\r\n"
                + "X-Feature: a\u0001b\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}");

        assertThat(answer).startsWith("HTTP/1.1 4");
        assertThat(answer.lines().takeWhile(line -> !line.isEmpty()))
                .noneMatch(line -> line.toLowerCase().startsWith("set-cookie"));
    }

    private static String raw(String request) {
        return RawHttp.exchange(gateway, request);
    }

    private static void assertJsonError(HttpResponse<String> response) throws Exception {
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(v ->
                assertThat(v).startsWith("application/json"));
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.at("/error/message").asText()).as(response.body()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    private static String abbreviated(String body) {
        String compact = body.replaceAll("(.)\\1{20,}", "$1...");
        return compact.length() > 600 ? compact.substring(0, 600) + "..." : compact;
    }
}
