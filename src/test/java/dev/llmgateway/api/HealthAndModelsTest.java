package dev.llmgateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmgateway.testing.TestGateway;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HealthAndModelsTest {

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
    void livenessAndReadinessAreUp() throws Exception {
        HttpResponse<String> live = gateway.get("/health/live");
        HttpResponse<String> ready = gateway.get("/health/ready");

        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(live.body()).get("status").asText()).isEqualTo("UP");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(ready.body()).at("/checks/upstream").asText()).isEqualTo("UP");
    }

    @Test
    void modelsListsEveryConfiguredAliasWithItsLimitsAndCapabilities() throws Exception {
        JsonNode body = JSON.readTree(gateway.get("/v1/models").body());

        assertThat(body.get("object").asText()).isEqualTo("list");
        JsonNode sonnet = null;
        for (JsonNode model : body.get("data")) {
            assertThat(model.get("object").asText()).isEqualTo("model");
            if (model.get("id").asText().equals("claude-3-5-sonnet")) {
                sonnet = model;
            }
        }
        assertThat(sonnet).isNotNull();
        assertThat(sonnet.get("context_window").asInt()).isEqualTo(200000);
        assertThat(sonnet.get("max_output_tokens").asInt()).isEqualTo(8192);
        assertThat(sonnet.get("capabilities")).extracting(JsonNode::asText).containsExactly("tools", "images", "documents");
    }

    @Test
    void unknownPathsAndMethodsAnswerJson() throws Exception {
        HttpResponse<String> unknown = gateway.get("/v2/nothing%3Cscript%3E");
        HttpResponse<String> wrongMethod = gateway.send(gateway.request("/v1/chat/completions").GET());

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).at("/error/code").asText()).isEqualTo("not_found");
        assertThat(unknown.body()).doesNotContain("<script>");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(JSON.readTree(wrongMethod.body()).at("/error/code").asText()).isEqualTo("method_not_allowed");
    }
}
