package dev.llmgateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmgateway.testing.TestGateway;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The semantic cache answers the Responses API too: a streamed hit is the Responses event sequence, and is stored. */
class ResponsesCacheTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REQUEST = """
            {"model": "claude-3-haiku", "max_output_tokens": 200, "temperature": 0, "stream": %s,
             "input": "Summarize: the bridge opened in May; traffic fell by a third, and the ferry stopped."}""";
    private static CachingGateway cache;

    @BeforeAll
    static void start() throws Exception {
        cache = CachingGateway.start(Map.of());
    }

    @AfterAll
    static void stop() {
        cache.close();
    }

    @Test
    void aStreamedHitReplaysTheCachedAnswerAsResponsesEventsAndStoresIt() throws Exception {
        TestGateway gateway = cache.gateway();
        HttpResponse<String> first = cache.storedAfter(() -> gateway.post("/v1/responses", REQUEST.formatted(false)));
        String answer = JSON.readTree(first.body()).at("/output/0/content/0/text").asText();
        long upstream = cache.upstreamCalls();

        HttpResponse<String> replayed = gateway.post("/v1/responses", REQUEST.formatted(true));

        assertThat(replayed.headers().firstValue("x-llmgateway-cache")).contains("hit");
        assertThat(cache.upstreamCalls()).isEqualTo(upstream);
        List<JsonNode> events = events(replayed.body());
        assertThat(events.get(0).path("type").asText()).isEqualTo("response.created");
        JsonNode completed = events.get(events.size() - 1);
        assertThat(completed.path("type").asText()).isEqualTo("response.completed");
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).path("sequence_number").asInt()).isEqualTo(i);
        }
        StringBuilder deltas = new StringBuilder();
        events.stream().filter(event -> event.path("type").asText().equals("response.output_text.delta"))
                .forEach(event -> deltas.append(event.path("delta").asText()));
        assertThat(deltas.toString()).isEqualTo(answer);
        String id = completed.at("/response/id").asText();
        HttpResponse<String> stored = gateway.get("/v1/responses/" + id);
        assertThat(stored.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(stored.body()).at("/output/0/content/0/text").asText()).isEqualTo(answer);
    }

    private static List<JsonNode> events(String body) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        for (String event : body.split("\n\n")) {
            for (String line : event.split("\n")) {
                if (line.startsWith("data: ")) {
                    events.add(JSON.readTree(line.substring("data: ".length())));
                }
            }
        }
        return events;
    }
}
