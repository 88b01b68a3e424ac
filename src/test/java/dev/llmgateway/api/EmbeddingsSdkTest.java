package dev.llmgateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.errors.BadRequestException;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.Embedding;
import com.openai.models.embeddings.EmbeddingCreateParams;
import dev.llmgateway.record.CallRecord;
import dev.llmgateway.testing.Eventually;
import dev.llmgateway.testing.TestGateway;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * POST /v1/embeddings through the whole chain, with the official OpenAI SDK for Java as the client and the emulator's
 * Titan V2 and Cohere Embed as the models: batches in order, dimensions, both encodings, the vector cache, the
 * refusals, and one ledger row per call with its team, feature and cost.
 */
class EmbeddingsSdkTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TITAN = "titan-embed-text-v2";
    private static final String COHERE = "cohere-embed-multilingual-v3";
    private static final List<String> TEXTS = List.of("Camel routes messages between queues",
            "Camel routes carry messages to queues", "A recipe for banana bread with walnuts");
    private static final List<CallRecord> RECORDS = new CopyOnWriteArrayList<>();
    private static final TypeReference<List<Float>> FLOATS = new TypeReference<>() { };

    private static TestGateway gateway;
    private static OpenAIClient client;

    @BeforeAll
    static void start() throws Exception {
        gateway = TestGateway.start(Map.of("LLMGW_LEDGER_FLUSHINTERVALMS", "20"));
        gateway.application().callRecorder().addListener(RECORDS::add);
        client = OpenAIOkHttpClient.builder()
                .apiKey(TestGateway.API_KEY)
                .baseUrl(gateway.uri("/v1").toString())
                .putHeader("X-Feature", "search-index")
                .maxRetries(0)
                .build();
    }

    @AfterAll
    static void stop() {
        client.close();
        gateway.close();
    }

    @Test
    void aBatchAt256DimensionsAsFloatsAndAsBase64() {
        List<String> texts = unique(TEXTS, "batch");
        long upstreamBefore = upstreamCalls();
        CreateEmbeddingResponse floats = client.embeddings().create(titan(texts)
                .encodingFormat(EmbeddingCreateParams.EncodingFormat.FLOAT).build());

        assertThat(floats.model()).isEqualTo(TITAN);
        assertThat(floats.data()).extracting(Embedding::index).containsExactly(0L, 1L, 2L);
        List<float[]> vectors = floats.data().stream().map(e -> toArray(e.embedding())).toList();
        assertThat(vectors).allSatisfy(v -> {
            assertThat(v).hasSize(256);
            assertThat(norm(v)).isCloseTo(1.0, within(1e-3));
        });
        assertThat(dot(vectors.get(0), vectors.get(1))).as("texts sharing words are closer")
                .isGreaterThan(dot(vectors.get(0), vectors.get(2)) + 0.3);
        assertThat(floats.usage().promptTokens()).isPositive();
        assertThat(upstreamCalls() - upstreamBefore).as("Titan takes one text per call").isEqualTo(3);

        CreateEmbeddingResponse base64 = client.embeddings().create(titan(texts)
                .encodingFormat(EmbeddingCreateParams.EncodingFormat.BASE64).build());

        assertThat(base64.data()).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(base64.data().get(i).embeddingValue().isBase64()).isTrue();
            assertThat(decode(base64.data().get(i).embeddingValue().asBase64())).isEqualTo(vectors.get(i));
        }
        assertThat(base64.usage().promptTokens()).as("every vector came from the cache").isZero();
        assertThat(upstreamCalls() - upstreamBefore).as("nothing more sent upstream").isEqualTo(3);
    }

    @Test
    void cohereTakesNinetySixTextsPerCallAndAnswersInInputOrder() throws Exception {
        List<String> texts = IntStream.range(0, 100)
                .mapToObj(i -> "Order " + i + " of the warehouse in " + (i % 2 == 0 ? "Lima" : "Quito")).toList();
        long upstreamBefore = upstreamCalls();

        CreateEmbeddingResponse response = client.embeddings().create(EmbeddingCreateParams.builder()
                .model(COHERE).inputOfArrayOfStrings(texts)
                .putAdditionalBodyProperty("input_type", JsonValue.from("search_query")).build());

        assertThat(upstreamCalls() - upstreamBefore).as("100 texts in calls of up to 96").isEqualTo(2);
        assertThat(response.data()).hasSize(100);
        assertThat(response.data()).extracting(Embedding::index).containsExactlyElementsOf(
                IntStream.range(0, 100).mapToObj(i -> (long) i).toList());
        List<Integer> sampled = List.of(0, 57, 99);
        JsonNode direct = emulatorCohere(sampled.stream().map(texts::get).toList(), "search_query");
        for (int s = 0; s < sampled.size(); s++) {
            float[] expected = toArray(JSON.convertValue(direct.at("/embeddings/" + s), FLOATS));
            assertThat(toArray(response.data().get(sampled.get(s)).embedding())).as("vector %d", sampled.get(s))
                    .isEqualTo(expected).hasSize(1024);
        }
    }

    @Test
    void refusalsNameWhatIsWrong() {
        assertThatThrownBy(() -> client.embeddings().create(EmbeddingCreateParams.builder().model(TITAN)
                .input("hello").dimensions(300).build()))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("[256, 512, 1024]");
        assertThatThrownBy(() -> client.embeddings().create(EmbeddingCreateParams.builder().model(TITAN)
                .inputOfArrayOfTokens(List.of(15339L, 1917L)).build()))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("token ids");
        assertThatThrownBy(() -> client.embeddings().create(EmbeddingCreateParams.builder().model(TITAN)
                .inputOfArrayOfTokenArrays(List.of(List.of(15339L))).build()))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("token ids");
        String tooLong = "x! ".repeat(12_000);
        assertThatThrownBy(() -> client.embeddings().create(EmbeddingCreateParams.builder().model(TITAN)
                .inputOfArrayOfStrings(List.of("fine", tooLong)).build()))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("input[1] is ").hasMessageContaining("tokens (estimated)")
                .hasMessageContaining("at most 8,192 per text");
        String overCohere = "x! ".repeat(600);
        assertThatThrownBy(() -> client.embeddings().create(EmbeddingCreateParams.builder().model(COHERE)
                .inputOfArrayOfStrings(List.of(overCohere)).build()))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("input[0] is ")
                .hasMessageContaining("at most 512 per text");
        assertThatThrownBy(() -> client.embeddings().create(EmbeddingCreateParams.builder().model(TITAN)
                .input("hello").putAdditionalBodyProperty("input_type", JsonValue.from("search_query")).build()))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("takes no 'input_type'");
        assertThatThrownBy(() -> client.embeddings().create(EmbeddingCreateParams.builder()
                .model("claude-3-haiku").input("hello").build()))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("is a chat model");
    }

    @Test
    void chatRefusesAnEmbeddingModelAndUnknownFieldsAreNamed() throws Exception {
        HttpResponse<String> chat = gateway.post("/v1/chat/completions", """
                {"model": "titan-embed-text-v2", "messages": [{"role": "user", "content": "Hi"}]}""");
        assertThat(chat.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(chat.body()).at("/error/message").asText()).contains("POST /v1/embeddings");

        HttpResponse<String> unknown = gateway.post("/v1/embeddings", """
                {"model": "titan-embed-text-v2", "input": "hi", "dimension": 256}""");
        assertThat(unknown.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(unknown.body()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("unknown_parameter");
        assertThat(error.get("message").asText()).contains("'dimension'").contains("did you mean 'dimensions'");
    }

    @Test
    void eachCallIsOneLedgerRowOfItsTeamAndFeature() throws Exception {
        List<String> texts = unique(TEXTS, "ledger");
        int before = RECORDS.size();
        CreateEmbeddingResponse response = client.embeddings().create(EmbeddingCreateParams.builder().model(COHERE)
                .inputOfArrayOfStrings(texts).build());

        Eventually.until("the call is recorded", () -> RECORDS.size() > before);
        CallRecord record = RECORDS.stream().filter(r -> r.route().equals("embeddings") && r.status() == 200)
                .reduce((a, b) -> b).orElseThrow();
        assertThat(record.team()).isEqualTo("default");
        assertThat(record.feature()).isEqualTo("search-index");
        assertThat(record.modelAlias()).isEqualTo(COHERE);
        assertThat(record.modelId()).isEqualTo("cohere.embed-multilingual-v3");
        assertThat(record.inputTokens()).isEqualTo(response.usage().promptTokens()).isPositive();
        assertThat(record.outputTokens()).isZero();
        assertThat(record.costUsd()).isEqualByComparingTo(BigDecimal.valueOf(record.inputTokens())
                .multiply(BigDecimal.valueOf(0.10)).divide(BigDecimal.valueOf(1_000_000)));

        Eventually.until("the usage report shows the feature's embeddings",
                () -> usageModels("/v1/usage?group_by=feature,model&feature=search-index").contains(COHERE));
    }

    private static List<String> usageModels(String path) {
        try {
            List<String> models = new ArrayList<>();
            JSON.readTree(gateway.get(path).body()).path("data").forEach(row -> models.add(row.path("model").asText()));
            return models;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Cohere Embed's answer straight from the emulator, as Bedrock would give it without the gateway. */
    private static JsonNode emulatorCohere(List<String> texts, String inputType) throws Exception {
        String body = JSON.writeValueAsString(Map.of("texts", texts, "input_type", inputType));
        HttpResponse<String> answer = gateway.send(HttpRequest.newBuilder(gateway.emulator().endpoint()
                        .resolve("/model/cohere.embed-multilingual-v3/invoke"))
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/bedrock/"
                        + "aws4_request, SignedHeaders=host;x-amz-date, Signature=0")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private static EmbeddingCreateParams.Builder titan(List<String> texts) {
        return EmbeddingCreateParams.builder().model(TITAN).inputOfArrayOfStrings(texts).dimensions(256);
    }

    /** The texts made unique to one test, so the vector cache of another test does not answer them. */
    private static List<String> unique(List<String> texts, String test) {
        return texts.stream().map(text -> text + " (" + test + ")").toList();
    }

    private static long upstreamCalls() {
        return gateway.emulator().stats("us-east-1").requestsReceived();
    }

    private static float[] toArray(List<Float> values) {
        float[] vector = new float[values.size()];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = values.get(i);
        }
        return vector;
    }

    private static float[] decode(String base64) {
        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(base64)).order(ByteOrder.LITTLE_ENDIAN);
        float[] vector = new float[bytes.remaining() / Float.BYTES];
        bytes.asFloatBuffer().get(vector);
        return vector;
    }

    private static double norm(float[] v) {
        return Math.sqrt(dot(v, v));
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
