package dev.llmgateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmgateway.chat.ModelFamilies;
import dev.llmgateway.config.ModelCatalogs;
import dev.llmgateway.config.SettingsLoader;
import dev.llmgateway.testing.TestGateway;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every chat model of the default catalogue answers through the gateway in front of the emulator, plain and streamed. */
class CatalogueModelsTest {

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

    static Stream<String> chatAliases() {
        return ModelCatalogs.from(new SettingsLoader().load(null, Map.of())).entries().stream()
                .filter(e -> ModelFamilies.isChat(e.spec().family())).map(e -> e.spec().alias());
    }

    @ParameterizedTest
    @MethodSource("chatAliases")
    void answersAChat(String alias) throws Exception {
        HttpResponse<String> response = gateway.post("/v1/chat/completions", """
                {"model": "%s", "messages": [{"role": "system", "content": "Be brief."},
                 {"role": "user", "content": "The bridge opened in May; traffic fell by a third. Summarize."}]}"""
                .formatted(alias));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("model").asText()).isEqualTo(alias);
        assertThat(body.at("/choices/0/message/content").asText()).isNotBlank();
        assertThat(body.at("/usage/completion_tokens").asInt()).isPositive();
    }

    @ParameterizedTest
    @MethodSource("chatAliases")
    void streamsAChat(String alias) {
        HttpResponse<String> response = gateway.post("/v1/messages", """
                {"model": "%s", "max_tokens": 100, "stream": true,
                 "messages": [{"role": "user", "content": "The bridge opened in May; traffic fell by a third."}]}"""
                .formatted(alias));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("event: content_block_delta", "event: message_stop");
    }
}
