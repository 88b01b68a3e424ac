package dev.llmgateway.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmgateway.testing.RawHttp;
import dev.llmgateway.testing.TestGateway;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Requests the HTTP parser refuses before any route runs (request line too long, headers too large, not HTTP at all)
 * get the status that says so and a JSON error in the API's shape naming the limit, and the connection is closed;
 * the gateway serves on.
 */
class HttpParserRefusalsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = TestGateway.start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void aRequestLineOf20KbIs414() throws Exception {
        Answer answer = send("GET /v1/models?q=" + "a".repeat(20 * 1024) + " HTTP/1.1\r\nHost: localhost\r\n\r\n");

        assertThat(answer.status()).as(answer.raw()).isEqualTo(414);
        JsonNode error = answer.jsonError();
        assertThat(error.get("code").asText()).isEqualTo("request_line_too_long");
        assertThat(error.get("message").asText()).contains("request line").contains("4096 bytes");
    }

    @Test
    void headersOf40KbAre431() throws Exception {
        StringBuilder request = new StringBuilder("GET /v1/models HTTP/1.1\r\nHost: localhost\r\n");
        for (int i = 0; i < 40; i++) {
            request.append("X-Filler-").append(i).append(": ").append("h".repeat(1000)).append("\r\n");
        }
        Answer answer = send(request.append("\r\n").toString());

        assertThat(answer.status()).as(answer.raw()).isEqualTo(431);
        JsonNode error = answer.jsonError();
        assertThat(error.get("code").asText()).isEqualTo("request_headers_too_large");
        assertThat(error.get("message").asText()).contains("The request headers exceed 8192 bytes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0001\u0002\u0003 garbage\r\n\r\n", "HELLO\r\n\r\n", "GET / HTTP/9.x\r\n\r\n",
            "GET /v1/models HTTP/1.1\r\nHost: localhost\r\nBad Header: x\r\n\r\n"})
    void aMalformedRequestIs400(String request) throws Exception {
        Answer answer = send(request);

        assertThat(answer.status()).as(answer.raw()).isEqualTo(400);
        JsonNode error = answer.jsonError();
        assertThat(error.get("code").asText()).isEqualTo("malformed_request");
        assertThat(error.get("message").asText()).contains("could not be read as HTTP");
    }

    @Test
    void theGatewayServesOnAfterRefusals() throws Exception {
        for (int i = 0; i < 20; i++) {
            assertThat(send("GET /" + "x".repeat(10_000) + " HTTP/1.1\r\n\r\n").status()).isEqualTo(414);
            assertThat(send("NONSENSE\r\n\r\n").status()).isEqualTo(400);
        }

        assertThat(gateway.get("/v1/models").statusCode()).isEqualTo(200);
        assertThat(gateway.get("/health/ready").statusCode()).isEqualTo(200);
    }

    private static Answer send(String request) {
        return Answer.parse(RawHttp.exchange(gateway, request));
    }

    /** A raw answer: the gateway must have closed the connection after it (RawHttp reads until then). */
    private record Answer(String raw, int status, Map<String, String> headers, String body) {

        static Answer parse(String raw) {
            int end = raw.indexOf("\r\n\r\n");
            assertThat(end).as("an HTTP answer: " + raw).isPositive();
            String[] lines = raw.substring(0, end).split("\r\n");
            assertThat(lines[0]).as(raw).startsWith("HTTP/1.");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
            return new Answer(raw, Integer.parseInt(lines[0].substring(9, 12)), headers, raw.substring(end + 4));
        }

        /** @return the error object, after checking the answer is an API error in JSON */
        JsonNode jsonError() throws Exception {
            assertThat(headers.get("content-type")).as(raw).startsWith("application/json");
            assertThat(headers.get("content-length")).as(raw).isEqualTo(Integer.toString(body.length()));
            JsonNode error = JSON.readTree(body).get("error");
            assertThat(error).as(body).isNotNull();
            assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
            assertThat(error.has("param")).isTrue();
            return error;
        }
    }
}
