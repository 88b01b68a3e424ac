package dev.llmgateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.helpers.ResponseAccumulator;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseStatus;
import com.openai.models.responses.ResponseStreamEvent;
import com.openai.models.responses.StructuredResponse;
import com.openai.models.responses.StructuredResponseOutputItem;
import dev.llmgateway.api.OpenAiStructuredOutputTest.Forecast;
import dev.llmgateway.emulator.RegionBehaviour;
import dev.llmgateway.record.CallRecord;
import dev.llmgateway.testing.Eventually;
import dev.llmgateway.testing.TestGateway;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Responses API through the official OpenAI SDK for Java: the gateway's chain behind client.responses(). */
class OpenAiResponsesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MODEL = "claude-3-5-sonnet";
    private static final FunctionTool WEATHER = FunctionTool.builder()
            .name("get_weather")
            .description("The current weather in a city")
            .parameters(FunctionTool.Parameters.builder()
                    .putAdditionalProperty("type", JsonValue.from("object"))
                    .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                    .putAdditionalProperty("required", JsonValue.from(List.of("city")))
                    .build())
            .strict(false)
            .build();
    private static final List<CallRecord> RECORDS = new CopyOnWriteArrayList<>();
    private static TestGateway gateway;
    private static OpenAIClient client;

    @BeforeAll
    static void start() throws Exception {
        gateway = TestGateway.start(Map.of("LLMGW_GUARDS_PII_REDACTUPSTREAM", "true"));
        gateway.application().callRecorder().addListener(RECORDS::add);
        client = OpenAIOkHttpClient.builder().apiKey(TestGateway.API_KEY).baseUrl(gateway.uri("/v1").toString())
                .maxRetries(0).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        gateway.close();
    }

    @Test
    void aFirstResponseIsTheModelsAnswerWithItsUsageAndIsRecordedInTheLedgerAsAResponsesCall() {
        Response response = client.responses().create(ResponseCreateParams.builder().model(MODEL)
                .instructions("Answer briefly.")
                .input("Summarize: the bridge opened in May; traffic fell by a third.").build());

        assertThat(response.id()).startsWith("resp_");
        assertThat(response.status()).contains(ResponseStatus.COMPLETED);
        assertThat(text(response)).isNotBlank();
        assertThat(response.instructions()).isPresent();
        long input = response.usage().orElseThrow().inputTokens();
        long output = response.usage().orElseThrow().outputTokens();
        assertThat(input).isPositive();
        assertThat(output).isPositive();
        assertThat(response.usage().orElseThrow().totalTokens()).isEqualTo(input + output);
        assertThat(RECORDS).anySatisfy(record -> {
            assertThat(record.route()).isEqualTo("responses");
            assertThat(record.team()).isEqualTo("default");
            assertThat(record.inputTokens()).isEqualTo(input);
            assertThat(record.outputTokens()).isEqualTo(output);
            assertThat(record.costUsd()).isPositive();
        });
    }

    @Test
    void theUsageReportCountsAResponsesCallForItsTeamAndFeature() throws Exception {
        HttpResponse<String> created = gateway.send(gateway.request("/v1/responses")
                .header("Content-Type", "application/json").header("X-Feature", "responses-report")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\": \"" + MODEL + "\", \"input\": \"Name a river.\"}")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);

        Eventually.until("the usage report shows the feature's responses call", () -> {
            JsonNode rows = usage("/v1/usage?group_by=team,feature&feature=responses-report");
            return rows.size() == 1 && rows.get(0).path("team").asText().equals("default")
                    && rows.get(0).path("requests").asLong() == 1;
        });
    }

    private static JsonNode usage(String path) {
        try {
            return JSON.readTree(gateway.get(path).body()).path("data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aFollowUpByPreviousResponseIdCarriesTheStoredConversation() {
        String question = "Which month did it open?";
        Response first = client.responses().create(ResponseCreateParams.builder().model(MODEL)
                .input("Remember this: the bridge opened in May and traffic fell by a third.").build());
        Response alone = client.responses().create(ResponseCreateParams.builder().model(MODEL)
                .input(question).store(false).build());

        Response followUp = client.responses().create(ResponseCreateParams.builder().model(MODEL)
                .previousResponseId(first.id()).input(question).build());

        assertThat(followUp.previousResponseId()).contains(first.id());
        assertThat(followUp.status()).contains(ResponseStatus.COMPLETED);
        // the model read the first exchange (its input and its answer) before the question
        assertThat(followUp.usage().orElseThrow().inputTokens())
                .isGreaterThan(alone.usage().orElseThrow().inputTokens()
                        + first.usage().orElseThrow().inputTokens());
        // a response made with store: false cannot be continued
        assertThatThrownBy(() -> client.responses().create(ResponseCreateParams.builder().model(MODEL)
                .previousResponseId(alone.id()).input(question).build()))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void aStreamedResponseSendsTheResponsesEventsAndIsStoredAsTheClientSawIt() {
        List<ResponseStreamEvent> events = new ArrayList<>();
        ResponseAccumulator accumulator = ResponseAccumulator.create();
        try (StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(
                ResponseCreateParams.builder().model(MODEL)
                        .input("Summarize: the bridge opened in May; traffic fell by a third.").build())) {
            stream.stream().forEach(event -> {
                events.add(event);
                accumulator.accumulate(event);
            });
        }

        assertThat(events.get(0).isCreated()).isTrue();
        assertThat(events.get(1).isInProgress()).isTrue();
        assertThat(events.get(2).isOutputItemAdded()).isTrue();
        assertThat(events.get(3).isContentPartAdded()).isTrue();
        assertThat(events.get(events.size() - 1).isCompleted()).isTrue();
        assertThat(events.stream().filter(ResponseStreamEvent::isOutputTextDelta).count()).isGreaterThan(1);
        assertThat(events).anyMatch(ResponseStreamEvent::isOutputTextDone)
                .anyMatch(ResponseStreamEvent::isContentPartDone).anyMatch(ResponseStreamEvent::isOutputItemDone);
        assertNumberedInOrder(events);
        String deltas = events.stream().filter(ResponseStreamEvent::isOutputTextDelta)
                .map(event -> event.asOutputTextDelta().delta()).reduce("", String::concat);
        Response streamed = accumulator.response();
        assertThat(text(streamed)).isEqualTo(deltas).isNotBlank();
        assertThat(streamed.usage().orElseThrow().outputTokens()).isPositive();

        Response stored = client.responses().retrieve(streamed.id());
        assertThat(text(stored)).isEqualTo(deltas);
        assertThat(stored.status()).contains(ResponseStatus.COMPLETED);
    }

    @Test
    void anAnswerCutByMaxOutputTokensIsIncompletePlainAndStreamed() {
        ResponseCreateParams params = ResponseCreateParams.builder().model(MODEL).maxOutputTokens(5)
                .input("Summarize: the bridge opened in May; traffic fell by a third, and the ferry stopped.").build();

        Response plain = client.responses().create(params);
        List<ResponseStreamEvent> events = new ArrayList<>();
        try (StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(params)) {
            stream.stream().forEach(events::add);
        }

        assertThat(plain.status()).contains(ResponseStatus.INCOMPLETE);
        assertThat(plain.incompleteDetails().orElseThrow().reason())
                .contains(Response.IncompleteDetails.Reason.MAX_OUTPUT_TOKENS);
        assertThat(plain.usage().orElseThrow().outputTokens()).isEqualTo(5);
        assertNumberedInOrder(events);
        ResponseStreamEvent last = events.get(events.size() - 1);
        assertThat(last.isIncomplete()).isTrue();
        assertThat(last.asIncomplete().response().incompleteDetails().orElseThrow().reason())
                .contains(Response.IncompleteDetails.Reason.MAX_OUTPUT_TOKENS);
    }

    @Test
    void aStreamBrokenAfterItsFirstEventEndsWithResponseFailedAndIsNotStored() {
        gateway.emulator().configureRegion("us-east-1", RegionBehaviour.builder().streamBreakAfterDeltas(3).build());
        List<ResponseStreamEvent> events = new ArrayList<>();
        try (StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(
                ResponseCreateParams.builder().model(MODEL)
                        .input("Summarize: the bridge opened in May; traffic fell by a third, and the ferry stopped.")
                        .build())) {
            stream.stream().forEach(events::add);
        } finally {
            gateway.emulator().resetRegions();
        }

        assertThat(events.get(0).isCreated()).isTrue();
        assertThat(events.stream().filter(ResponseStreamEvent::isOutputTextDelta)).hasSize(3);
        assertNumberedInOrder(events);
        ResponseStreamEvent last = events.get(events.size() - 1);
        assertThat(last.isFailed()).isTrue();
        Response failed = last.asFailed().response();
        assertThat(failed.status()).contains(ResponseStatus.FAILED);
        assertThat(failed.error().orElseThrow().code().asString()).isEqualTo("stream_interrupted");
        assertThatThrownBy(() -> client.responses().retrieve(failed.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aFunctionToolRoundTripContinuesTheStoredResponseWithTheFunctionsOutput() {
        Response first = client.responses().create(ResponseCreateParams.builder().model(MODEL)
                .input("What is the weather in Lima?").addTool(WEATHER).build());

        ResponseFunctionToolCall call = first.output().stream().filter(ResponseOutputItem::isFunctionCall)
                .map(ResponseOutputItem::asFunctionCall).findFirst().orElseThrow();
        assertThat(call.name()).isEqualTo("get_weather");
        assertThat(call.callId()).isNotBlank();
        assertThat(readTree(call.arguments()).path("city").isTextual()).isTrue();

        Response second = client.responses().create(ResponseCreateParams.builder().model(MODEL)
                .previousResponseId(first.id()).addTool(WEATHER)
                .inputOfResponse(List.of(ResponseInputItem.ofFunctionCallOutput(
                        ResponseInputItem.FunctionCallOutput.builder().callId(call.callId())
                                .output("18 degrees and sunny").build())))
                .build());

        assertThat(second.output()).noneMatch(ResponseOutputItem::isFunctionCall);
        assertThat(text(second)).contains("18 degrees and sunny");
    }

    @Test
    void aStreamedFunctionCallAccumulatesAsTheSdkExpects() {
        List<ResponseStreamEvent> events = new ArrayList<>();
        ResponseAccumulator accumulator = ResponseAccumulator.create();
        try (StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(
                ResponseCreateParams.builder().model(MODEL).input("What is the weather in Lima?").addTool(WEATHER)
                        .build())) {
            stream.stream().forEach(event -> {
                events.add(event);
                accumulator.accumulate(event);
            });
        }

        ResponseFunctionToolCall call = accumulator.response().output().stream()
                .filter(ResponseOutputItem::isFunctionCall).map(ResponseOutputItem::asFunctionCall).findFirst()
                .orElseThrow();
        assertThat(call.name()).isEqualTo("get_weather");
        assertThat(readTree(call.arguments()).path("city").isTextual()).isTrue();
        assertNumberedInOrder(events);
        String deltas = events.stream().filter(ResponseStreamEvent::isFunctionCallArgumentsDelta)
                .map(event -> event.asFunctionCallArgumentsDelta().delta()).reduce("", String::concat);
        assertThat(deltas).isEqualTo(call.arguments());
        assertThat(events).filteredOn(ResponseStreamEvent::isFunctionCallArgumentsDone)
                .singleElement().satisfies(done -> assertThat(done.asFunctionCallArgumentsDone().arguments())
                        .isEqualTo(call.arguments()));
    }

    @Test
    void structuredOutputByTextFormatParsesIntoTheSdksClass() {
        StructuredResponse<Forecast> response = client.responses().create(ResponseCreateParams.builder()
                .model(MODEL).input("The forecast for the city of Lima, please.").text(Forecast.class).build());

        Forecast forecast = response.output().stream().map(StructuredResponseOutputItem::message)
                .flatMap(Optional::stream).flatMap(message -> message.content().stream())
                .flatMap(content -> content.outputText().stream()).findFirst().orElseThrow();
        assertThat(forecast.city).isEqualTo("Lima");
    }

    @Test
    void anotherTeamsResponseIsNotFoundAndADeletedOneIsGone() throws Exception {
        Response response = client.responses().create(ResponseCreateParams.builder().model(MODEL)
                .input("Summarize: the bridge opened in May.").build());
        String otherKey = createKey("analytics");

        assertThat(send(otherKey, HttpRequest.newBuilder(gateway.uri("/v1/responses/" + response.id())).GET())
                .statusCode()).isEqualTo(404);
        assertThat(send(otherKey, HttpRequest.newBuilder(gateway.uri("/v1/responses/" + response.id())).DELETE())
                .statusCode()).isEqualTo(404);
        HttpResponse<String> followUp = send(otherKey, HttpRequest.newBuilder(gateway.uri("/v1/responses"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\": \"" + MODEL + "\", \"input\": \"and?\", "
                        + "\"previous_response_id\": \"" + response.id() + "\"}")));
        assertThat(followUp.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(followUp.body()).path("error").path("code").asText())
                .isEqualTo("previous_response_not_found");

        assertThat(client.responses().retrieve(response.id()).id()).isEqualTo(response.id());
        HttpResponse<String> streamed = gateway.get("/v1/responses/" + response.id() + "?stream=true");
        assertThat(streamed.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(streamed.body()).path("error").path("message").asText()).contains("stream=true");
        client.responses().delete(response.id());
        assertThatThrownBy(() -> client.responses().retrieve(response.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> client.responses().delete(response.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aStoredConversationKeepsTheCallersOwnTextWhichIsRedactedAgainBeforeBedrockReadsTheFollowUp()
            throws Exception {
        HttpResponse<String> first = gateway.post("/v1/responses", "{\"model\": \"" + MODEL + "\", \"input\": "
                + "\"Write to ana.lima@example.com about the bridge.\"}");
        assertThat(first.headers().allValues("x-llmgateway-pii-redacted")).containsExactly("EMAIL=1");

        HttpResponse<String> followUp = gateway.post("/v1/responses", "{\"model\": \"" + MODEL + "\", "
                + "\"previous_response_id\": \"" + JSON.readTree(first.body()).get("id").asText() + "\", "
                + "\"input\": \"Which month did it open?\"}");

        assertThat(followUp.statusCode()).as(followUp.body()).isEqualTo(200);
        // the new input holds no address: redaction found the one the stored conversation kept
        assertThat(followUp.headers().allValues("x-llmgateway-pii-redacted")).singleElement().asString()
                .startsWith("EMAIL=");
    }

    @Test
    void whatTheGatewayCannotServeIsRefusedByName() throws Exception {
        assertRefused("{\"model\": \"" + MODEL + "\", \"input\": \"hi\", \"tools\": [{\"type\": \"web_search\"}]}",
                "tools[0].type 'web_search'");
        assertRefused("{\"model\": \"" + MODEL + "\", \"input\": \"hi\", \"reasoning\": {\"effort\": \"low\"}}",
                "'reasoning'");
        assertRefused("{\"model\": \"" + MODEL + "\", \"input\": \"hi\", \"instructionz\": \"x\"}",
                "'instructionz'");
        assertRefused("{\"model\": \"" + MODEL + "\", \"input\": [{\"type\": \"reasoning\", \"summary\": []}]}",
                "input[0].type 'reasoning'");
        assertRefused("{\"model\": \"" + MODEL + "\", \"input\": [{\"role\": \"user\", \"content\": "
                + "[{\"type\": \"input_image\", \"file_id\": \"file-1\"}]}]}", "input[0].content[0].file_id");
    }

    private static void assertRefused(String body, String named) throws Exception {
        HttpResponse<String> response = gateway.post("/v1/responses", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("error").path("message").asText()).contains(named);
    }

    private static String text(Response response) {
        return response.output().stream().filter(ResponseOutputItem::isMessage)
                .flatMap(item -> item.asMessage().content().stream())
                .flatMap(content -> content.outputText().stream())
                .map(com.openai.models.responses.ResponseOutputText::text).reduce("", String::concat);
    }

    private static void assertNumberedInOrder(List<ResponseStreamEvent> events) {
        assertThat(events.stream().map(OpenAiResponsesTest::sequenceNumber).toList())
                .containsExactlyElementsOf(LongStream.range(0, events.size()).boxed().toList());
    }

    /** The number of an event of the kinds a text answer streams. */
    private static long sequenceNumber(ResponseStreamEvent event) {
        if (event.isCreated()) {
            return event.asCreated().sequenceNumber();
        } else if (event.isInProgress()) {
            return event.asInProgress().sequenceNumber();
        } else if (event.isOutputItemAdded()) {
            return event.asOutputItemAdded().sequenceNumber();
        } else if (event.isContentPartAdded()) {
            return event.asContentPartAdded().sequenceNumber();
        } else if (event.isOutputTextDelta()) {
            return event.asOutputTextDelta().sequenceNumber();
        } else if (event.isOutputTextDone()) {
            return event.asOutputTextDone().sequenceNumber();
        } else if (event.isContentPartDone()) {
            return event.asContentPartDone().sequenceNumber();
        } else if (event.isOutputItemDone()) {
            return event.asOutputItemDone().sequenceNumber();
        } else if (event.isFunctionCallArgumentsDelta()) {
            return event.asFunctionCallArgumentsDelta().sequenceNumber();
        } else if (event.isFunctionCallArgumentsDone()) {
            return event.asFunctionCallArgumentsDone().sequenceNumber();
        } else if (event.isCompleted()) {
            return event.asCompleted().sequenceNumber();
        } else if (event.isIncomplete()) {
            return event.asIncomplete().sequenceNumber();
        } else if (event.isFailed()) {
            return event.asFailed().sequenceNumber();
        }
        throw new AssertionError("unexpected event " + event);
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(json + " is not JSON", e);
        }
    }

    private static String createKey(String team) throws Exception {
        HttpResponse<String> created = gateway.send(HttpRequest.newBuilder(gateway.uri("/admin/keys"))
                .header("Authorization", "Bearer " + TestGateway.ADMIN_TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString("{\"team\": \"" + team + "\", \"name\": \"svc\"}")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).get("key").asText();
    }

    private static HttpResponse<String> send(String key, HttpRequest.Builder request) {
        return gateway.send(request.header("Authorization", "Bearer " + key));
    }
}
