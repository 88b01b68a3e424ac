package dev.llmgateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmgateway.emulator.BedrockError;
import dev.llmgateway.emulator.RegionBehaviour;
import dev.llmgateway.record.CallRecord;
import dev.llmgateway.testing.TestGateway;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The embeddings chain's shared steps, over HTTP against the emulator: the PII policy of a team that redacts, region
 * failover, the team's prompt limit and rate limits, as they apply to chat.
 */
class EmbeddingsChainTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<CallRecord> RECORDS = new CopyOnWriteArrayList<>();
    private static final String SETTINGS = """
            guards:
              pii:
                teams: {private: true}
              tokens:
                teams:
                  small: {maxPromptTokens: 20}
            teams:
              limited: {requestsPerMinute: 2}
            """;

    private static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = TestGateway.start(Map.of(), SETTINGS);
        gateway.application().callRecorder().addListener(RECORDS::add);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void aTeamThatRedactsIsRefusedATextHoldingPersonalDataNotSentAPlaceholder() throws Exception {
        String key = TeamKeys.create(gateway, "private");
        long upstreamBefore = upstreamCalls("us-east-1");

        HttpResponse<String> refused = TeamKeys.post(gateway, key, "/v1/embeddings", """
                {"model": "titan-embed-text-v2", "input": ["a refund request", "write to ana.lopez@example.com"]}""");

        assertThat(refused.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(refused.body()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("pii_in_embedding_input");
        assertThat(error.get("message").asText()).contains("input[1]").contains("EMAIL")
                .doesNotContain("ana.lopez");
        assertThat(upstreamCalls("us-east-1")).as("nothing sent").isEqualTo(upstreamBefore);

        HttpResponse<String> clean = TeamKeys.post(gateway, key, "/v1/embeddings", """
                {"model": "titan-embed-text-v2", "input": ["a refund request for the May order"]}""");
        assertThat(clean.statusCode()).as(clean.body()).isEqualTo(200);
    }

    @Test
    void aThrottlingRegionFailsOverToTheNext() throws Exception {
        gateway.emulator().configureRegion("us-east-1",
                RegionBehaviour.builder().failureRate(BedrockError.THROTTLING, 1.0).build());
        try {
            long westBefore = upstreamCalls("us-west-2");
            HttpResponse<String> answer = gateway.post("/v1/embeddings", """
                    {"model": "cohere-embed-multilingual-v3", "input": ["failover one", "failover two"]}""");

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(JSON.readTree(answer.body()).get("data")).hasSize(2);
            assertThat(upstreamCalls("us-west-2") - westBefore).isEqualTo(1);
            CallRecord record = RECORDS.stream().filter(r -> r.status() == 200 && "us-west-2".equals(r.region()))
                    .findFirst().orElseThrow();
            assertThat(record.modelAlias()).isEqualTo("cohere-embed-multilingual-v3");
        } finally {
            gateway.emulator().configureRegion("us-east-1", RegionBehaviour.healthy());
        }
    }

    @Test
    void theTeamsPromptLimitCountsAllTextsTogether() throws Exception {
        String key = TeamKeys.create(gateway, "small");
        HttpResponse<String> answer = TeamKeys.post(gateway, key, "/v1/embeddings", """
                {"model": "titan-embed-text-v2", "input": ["%s", "%s"]}""".formatted(
                "the bridge opened in May and traffic fell", "the tunnel closed in June and traffic grew"));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(answer.body()).at("/error/code").asText()).isEqualTo("prompt_too_long");
        assertThat(JSON.readTree(answer.body()).at("/error/message").asText()).contains("team small is 20");
    }

    @Test
    void requestsCountAgainstTheTeamsRateLimits() throws Exception {
        String key = TeamKeys.create(gateway, "limited");
        String body = """
                {"model": "titan-embed-text-v2", "input": "rate limited text"}""";
        assertThat(TeamKeys.post(gateway, key, "/v1/embeddings", body).statusCode()).isEqualTo(200);
        assertThat(TeamKeys.post(gateway, key, "/v1/embeddings", body).statusCode()).isEqualTo(200);

        HttpResponse<String> third = TeamKeys.post(gateway, key, "/v1/embeddings", body);
        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(third.headers().firstValue("Retry-After")).isPresent();
        assertThat(JSON.readTree(third.body()).at("/error/code").asText()).isEqualTo("requests_per_minute_exceeded");
    }

    private static long upstreamCalls(String region) {
        return gateway.emulator().stats(region).requestsReceived();
    }
}
