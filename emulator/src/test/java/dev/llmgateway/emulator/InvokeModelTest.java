package dev.llmgateway.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

class InvokeModelTest {
    private static BedrockEmulator emulator;
    private static BedrockRuntimeClient client;

    @BeforeAll
    static void start() {
        emulator = BedrockEmulator.start(0);
        client = SdkClients.sync(emulator, "us-east-1");
    }

    @AfterAll
    static void stop() {
        client.close();
        emulator.close();
    }

    private InvokeModelResponse invoke(String modelId, JsonNode body) {
        return client.invokeModel(r -> r.modelId(modelId).contentType("application/json").accept("application/json")
                .body(RequestBodies.bytes(body)));
    }

    @Test
    void claudeAnswersWithAMessageAndUsageHeaders() {
        InvokeModelResponse response = invoke(SdkClients.CLAUDE, RequestBodies.claude("What is the capital of France?", 200));

        JsonNode body = RequestBodies.read(response.body());
        assertThat(body.get("id").asText()).startsWith("msg_bdrk_");
        assertThat(body.get("type").asText()).isEqualTo("message");
        assertThat(body.get("role").asText()).isEqualTo("assistant");
        assertThat(body.get("model").asText()).isEqualTo("claude-3-5-sonnet-20240620");
        assertThat(body.at("/content/0/type").asText()).isEqualTo("text");
        String text = body.at("/content/0/text").asText();
        assertThat(text).contains("What is the capital of France?").contains("capital").contains("France");
        assertThat(body.get("stop_reason").asText()).isEqualTo("end_turn");
        assertThat(body.get("stop_sequence").isNull()).isTrue();
        int inputTokens = body.at("/usage/input_tokens").asInt();
        int outputTokens = body.at("/usage/output_tokens").asInt();
        assertThat(inputTokens).isEqualTo(EmulatorTokenizer.count("What is the capital of France?"));
        assertThat(outputTokens).isEqualTo(EmulatorTokenizer.count(text));

        assertThat(response.contentType()).isEqualTo("application/json");
        assertThat(response.sdkHttpResponse().firstMatchingHeader("X-Amzn-Bedrock-Input-Token-Count")).contains(String.valueOf(inputTokens));
        assertThat(response.sdkHttpResponse().firstMatchingHeader("X-Amzn-Bedrock-Output-Token-Count")).contains(String.valueOf(outputTokens));
        assertThat(response.sdkHttpResponse().firstMatchingHeader("X-Amzn-Bedrock-Invocation-Latency")).isPresent();
        assertThat(response.sdkHttpResponse().firstMatchingHeader("x-amzn-RequestId")).isPresent();
    }

    @Test
    void claudeIsDeterministic() {
        JsonNode request = RequestBodies.claude(RequestBodies.LONG_TEXT, 500);
        String first = RequestBodies.read(invoke(SdkClients.CLAUDE, request).body()).at("/content/0/text").asText();
        String second = RequestBodies.read(invoke(SdkClients.CLAUDE, request).body()).at("/content/0/text").asText();
        assertThat(second).isEqualTo(first);
    }

    @Test
    void claudeSummarisesALongMessageWithItsCentralSentences() {
        String text = RequestBodies.read(invoke(SdkClients.CLAUDE, RequestBodies.claude(RequestBodies.LONG_TEXT, 500)).body())
                .at("/content/0/text").asText();
        assertThat(text).contains("Camel").doesNotContain("sandwich").doesNotContain("weather");
        assertThat(EmulatorTokenizer.count(text)).isLessThan(EmulatorTokenizer.count(RequestBodies.LONG_TEXT));
    }

    @Test
    void maxTokensCutsTheAnswer() {
        JsonNode body = RequestBodies.read(invoke(SdkClients.CLAUDE, RequestBodies.claude(RequestBodies.LONG_TEXT, 5)).body());
        assertThat(body.get("stop_reason").asText()).isEqualTo("max_tokens");
        assertThat(body.at("/usage/output_tokens").asInt()).isEqualTo(5);
        assertThat(EmulatorTokenizer.count(body.at("/content/0/text").asText())).isEqualTo(5);
    }

    @Test
    void stopSequenceEndsTheAnswerWhereItStarts() {
        ObjectNode request = RequestBodies.claude(RequestBodies.LONG_TEXT, 500);
        request.putArray("stop_sequences").add("never appears").add("routes");
        JsonNode body = RequestBodies.read(invoke(SdkClients.CLAUDE, request).body());
        assertThat(body.get("stop_reason").asText()).isEqualTo("stop_sequence");
        assertThat(body.get("stop_sequence").asText()).isEqualTo("routes");
        assertThat(body.at("/content/0/text").asText()).isNotEmpty().doesNotContain("routes");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "us.anthropic.claude-3-5-sonnet-20240620-v1:0",
            "eu.anthropic.claude-3-5-sonnet-20240620-v1:0",
            "apac.anthropic.claude-3-5-sonnet-20240620-v1:0",
            "global.anthropic.claude-3-5-sonnet-20240620-v1:0",
            "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-5-sonnet-20240620-v1:0",
            "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-5-sonnet-20240620-v1:0"})
    void acceptsInferenceProfilesAndArns(String modelId) {
        JsonNode body = RequestBodies.read(invoke(modelId, RequestBodies.claude("Hello there?", 50)).body());
        assertThat(body.get("model").asText()).isEqualTo("claude-3-5-sonnet-20240620");
    }

    @Test
    void unknownModelIsAValidationError() {
        assertThatThrownBy(() -> invoke("meta.llama3-70b-instruct-v1:0", RequestBodies.claude("Hi", 10)))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("The provided model identifier is invalid.")
                .satisfies(e -> assertThat(((ValidationException) e).statusCode()).isEqualTo(400));
    }

    @Test
    void missingRequiredKeysAreValidationErrors() {
        ObjectNode noMaxTokens = RequestBodies.claude("Hi", 10);
        noMaxTokens.remove("max_tokens");
        assertThatThrownBy(() -> invoke(SdkClients.CLAUDE, noMaxTokens)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("required key [max_tokens] not found");
        ObjectNode noVersion = RequestBodies.claude("Hi", 10);
        noVersion.remove("anthropic_version");
        assertThatThrownBy(() -> invoke(SdkClients.CLAUDE, noVersion)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("anthropic_version");
        ObjectNode noMessages = RequestBodies.claude("Hi", 10);
        noMessages.remove("messages");
        assertThatThrownBy(() -> invoke(SdkClients.CLAUDE, noMessages)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("messages");
        assertThatThrownBy(() -> client.invokeModel(r -> r.modelId(SdkClients.CLAUDE).body(SdkBytes.fromUtf8String("{not json"))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("Malformed input request");
    }

    @Test
    void titanV1GivesADeterministicNormalizedVectorOf1536() {
        JsonNode body = RequestBodies.read(invoke(SdkClients.TITAN_V1, titan("Camel routes messages to Bedrock")).body());
        assertThat(body.get("embedding")).hasSize(1536);
        assertThat(norm(body.get("embedding"))).isCloseTo(1.0, within(1e-4));
        assertThat(body.get("inputTextTokenCount").asInt()).isEqualTo(EmulatorTokenizer.count("Camel routes messages to Bedrock"));
        JsonNode again = RequestBodies.read(invoke(SdkClients.TITAN_V1, titan("Camel routes messages to Bedrock")).body());
        assertThat(again.get("embedding")).isEqualTo(body.get("embedding"));
    }

    @Test
    void titanV2HonoursDimensionsAndNormalize() {
        JsonNode byDefault = RequestBodies.read(invoke(SdkClients.TITAN_V2, titan("Camel routes messages")).body());
        assertThat(byDefault.get("embedding")).hasSize(1024);
        assertThat(byDefault.at("/embeddingsByType/float")).isEqualTo(byDefault.get("embedding"));
        assertThat(byDefault.get("inputTextTokenCount").asInt()).isPositive();

        ObjectNode small = titan("Camel routes messages").put("dimensions", 256).put("normalize", true);
        JsonNode smallBody = RequestBodies.read(invoke(SdkClients.TITAN_V2, small).body());
        assertThat(smallBody.get("embedding")).hasSize(256);
        assertThat(norm(smallBody.get("embedding"))).isCloseTo(1.0, within(1e-4));

        ObjectNode raw = titan("Camel routes messages").put("dimensions", 512).put("normalize", false);
        JsonNode rawBody = RequestBodies.read(invoke(SdkClients.TITAN_V2, raw).body());
        assertThat(rawBody.get("embedding")).hasSize(512);
        assertThat(norm(rawBody.get("embedding"))).isGreaterThan(1.5);

        assertThatThrownBy(() -> invoke(SdkClients.TITAN_V2, titan("x").put("dimensions", 300)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("dimensions");
    }

    @Test
    void titanVectorsOfTextsSharingWordsAreCloser() {
        JsonNode a = embedding("Camel routes messages between queues");
        JsonNode b = embedding("Camel routes carry messages to queues");
        JsonNode c = embedding("A recipe for banana bread with walnuts");
        assertThat(dot(a, b)).isGreaterThan(dot(a, c) + 0.3);
    }

    @Test
    void cohereEmbedsEachTextInOrderWithItsTokenCount() {
        List<String> texts = List.of("Camel routes messages between queues", "Camel routes carry messages to queues",
                "A recipe for banana bread with walnuts");
        InvokeModelResponse response = invoke(SdkClients.COHERE, cohere(texts, "search_document"));

        JsonNode body = RequestBodies.read(response.body());
        assertThat(body.get("response_type").asText()).isEqualTo("embeddings_floats");
        assertThat(body.get("id").asText()).isNotBlank();
        assertThat(body.get("texts")).extracting(JsonNode::asText).containsExactlyElementsOf(texts);
        JsonNode vectors = body.get("embeddings");
        assertThat(vectors).hasSize(3).allSatisfy(vector -> {
            assertThat(vector).hasSize(1024);
            assertThat(norm(vector)).isCloseTo(1.0, within(1e-4));
        });
        assertThat(dot(vectors.get(0), vectors.get(1))).isGreaterThan(dot(vectors.get(0), vectors.get(2)) + 0.3);
        int tokens = texts.stream().mapToInt(EmulatorTokenizer::count).sum();
        assertThat(response.sdkHttpResponse().firstMatchingHeader("X-Amzn-Bedrock-Input-Token-Count"))
                .contains(String.valueOf(tokens));
        JsonNode alone = RequestBodies.read(invoke(SdkClients.COHERE, cohere(texts.subList(2, 3), "search_document"))
                .body()).get("embeddings").get(0);
        assertThat(alone).as("a text's vector does not depend on its batch").isEqualTo(vectors.get(2));
    }

    @Test
    void cohereTellsQueriesFromDocumentsAndAnswersByType() {
        List<String> text = List.of("Where do Camel routes send messages?");
        JsonNode document = RequestBodies.read(invoke(SdkClients.COHERE, cohere(text, "search_document")).body());
        JsonNode query = RequestBodies.read(invoke(SdkClients.COHERE, cohere(text, "search_query")).body());
        double similarity = dot(document.at("/embeddings/0"), query.at("/embeddings/0"));
        assertThat(similarity).isLessThan(0.999).isGreaterThan(0.5);

        ObjectNode byType = cohere(text, "clustering");
        byType.putArray("embedding_types").add("float").add("int8");
        JsonNode answer = RequestBodies.read(invoke(SdkClients.COHERE, byType).body());
        assertThat(answer.get("response_type").asText()).isEqualTo("embeddings_by_type");
        assertThat(answer.at("/embeddings/float/0")).hasSize(1024);
        assertThat(answer.at("/embeddings/int8/0")).hasSize(1024);
    }

    @Test
    void cohereRefusesWhatBedrockRefuses() {
        List<String> ninetySeven = Collections.nCopies(97, "text");
        assertThatThrownBy(() -> invoke(SdkClients.COHERE, cohere(ninetySeven, "search_document")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("maxItems: 96");
        assertThatThrownBy(() -> invoke(SdkClients.COHERE, cohere(List.of("x"), "question")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("input_type");
        assertThatThrownBy(() -> invoke(SdkClients.COHERE, cohere(List.of("x".repeat(2049)), "search_query")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("maxLength: 2048");
        String long600Tokens = "ab ".repeat(600);
        assertThatThrownBy(() -> invoke(SdkClients.COHERE, cohere(List.of(long600Tokens), "search_query")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("512 tokens");
        ObjectNode truncated = cohere(List.of(long600Tokens), "search_query").put("truncate", "END");
        assertThat(invoke(SdkClients.COHERE, truncated).sdkHttpResponse()
                .firstMatchingHeader("X-Amzn-Bedrock-Input-Token-Count")).contains("512");
    }

    private static ObjectNode cohere(List<String> texts, String inputType) {
        ObjectNode body = RequestBodies.MAPPER.createObjectNode().put("input_type", inputType);
        texts.forEach(body.putArray("texts")::add);
        return body;
    }

    private JsonNode embedding(String text) {
        return RequestBodies.read(invoke(SdkClients.TITAN_V2, titan(text)).body()).get("embedding");
    }

    private static ObjectNode titan(String text) {
        return RequestBodies.MAPPER.createObjectNode().put("inputText", text);
    }

    private static double norm(JsonNode vector) {
        return Math.sqrt(dot(vector, vector));
    }

    private static double dot(JsonNode a, JsonNode b) {
        double sum = 0;
        for (int i = 0; i < a.size(); i++) {
            sum += a.get(i).asDouble() * b.get(i).asDouble();
        }
        return sum;
    }
}
