package dev.llmgateway.batch;

import static dev.llmgateway.batch.BatchTesting.prose;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.chat.Json;
import dev.llmgateway.emulator.BedrockError;
import dev.llmgateway.emulator.RegionBehaviour;
import dev.llmgateway.record.CallRecord;
import dev.llmgateway.testing.ServiceBound;
import dev.llmgateway.testing.TestGateway;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Summary requests over AMQP 1.0 through the local RabbitMQ (bin/setup-test-services starts it with the
 * rabbitmq_amqp1_0 plugin): replies with the correlation id, dead letters with the reason.
 */
@ServiceBound
class BatchQueueTest {

    private static final int MAXIMUM_REDELIVERIES = 2;
    private static final int MAX_DOCUMENT_BYTES = 100_000;
    private static final String PREFIX = "/queue/llmgw-test-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String REQUESTS = PREFIX + ".requests";
    private static final String REPLIES = PREFIX + ".replies";
    private static final String DEAD_LETTERS = PREFIX + ".dead-letters";
    private static final List<CallRecord> RECORDS = new CopyOnWriteArrayList<>();
    private static TestGateway gateway;
    private static AmqpTestClient client;

    @BeforeAll
    static void start() throws Exception {
        client = new AmqpTestClient();
        client.listen(REPLIES);
        client.listen(DEAD_LETTERS);
        gateway = TestGateway.start(Map.of("LLMGW_BATCH_MAXDOCUMENTBYTES", Integer.toString(MAX_DOCUMENT_BYTES)),
                BatchTesting.config("""
                queue:
                  enabled: true
                  url: %s
                  requests: %s
                  replies: %s
                  deadLetters: %s
                  maximumRedeliveries: %d
                  redeliveryDelayMs: 10
                """.formatted(AmqpTestClient.URL, REQUESTS, REPLIES, DEAD_LETTERS, MAXIMUM_REDELIVERIES)));
        gateway.application().callRecorder().addListener(RECORDS::add);
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        client.close();
    }

    @BeforeEach
    void clear() {
        RECORDS.clear();
    }

    @AfterEach
    void healthy() {
        gateway.emulator().resetRegions();
    }

    private static String json(Map<String, String> request) throws Exception {
        return Json.MAPPER.writeValueAsString(request);
    }

    private static JsonNode json(Message message) throws Exception {
        return Json.MAPPER.readTree(((TextMessage) message).getText());
    }

    @Test
    void onlyTheEnabledTriggersRouteIsLoaded() {
        assertThat(gateway.camelContext().getRoute("batch-queue")).isNotNull();
        assertThat(gateway.camelContext().getRoute("batch-files")).isNull();
    }

    @Test
    void aRequestIsAnsweredOnTheReplyQueueWithItsCorrelationId() throws Exception {
        String text = prose(10);
        client.send(REQUESTS, json(Map.of("id", "minutes-0001", "team", "analytics", "feature", "digest", "text", text)),
                message -> message.setJMSCorrelationID("corr-0001"));

        Message reply = client.receive(REPLIES);

        assertThat(reply.getJMSCorrelationID()).isEqualTo("corr-0001");
        JsonNode body = json(reply);
        assertThat(body.get("id").asText()).isEqualTo("minutes-0001");
        assertThat(body.get("summary").asText()).contains("thousand in week");
        assertThat(body.get("model").asText()).isEqualTo("tiny");
        assertThat(body.get("parts").asInt()).isEqualTo(1);
        assertThat(body.get("calls").asInt()).isEqualTo(1);
        assertThat(body.get("outputTokens").asInt()).isPositive();
        assertThat(RECORDS).singleElement().satisfies(record -> {
            assertThat(record.team()).isEqualTo("analytics");
            assertThat(record.feature()).isEqualTo("digest");
            assertThat(record.outcome()).isEqualTo("ok");
        });
    }

    @Test
    void aRequestNamingItsReplyToIsAnsweredThereCorrelatedByItsMessageId() throws Exception {
        String privateReplies = PREFIX + ".private-replies";
        client.listen(privateReplies);
        TextMessage request = client.send(REQUESTS,
                json(Map.of("id", "memo-0002", "text", prose(8), "instructions", "List the figures.")),
                message -> message.setJMSReplyTo(client.queue(privateReplies)));

        Message reply = client.receive(privateReplies);

        assertThat(reply.getJMSCorrelationID()).isEqualTo(request.getJMSMessageID());
        assertThat(json(reply).get("id").asText()).isEqualTo("memo-0002");
        assertThat(RECORDS).singleElement().satisfies(record -> {
            assertThat(record.team()).isEqualTo("batch");
            assertThat(record.feature()).isEqualTo("batch");
        });
    }

    @Test
    void anInvalidMessageGoesToTheDeadLettersAtOnceWithTheReason() throws Exception {
        client.send(REQUESTS, "summarize this please", message -> message.setJMSCorrelationID("corr-0003"));

        Message dead = client.receive(DEAD_LETTERS);

        assertThat(((TextMessage) dead).getText()).isEqualTo("summarize this please");
        assertThat(dead.getJMSCorrelationID()).isEqualTo("corr-0003");
        assertThat(dead.getStringProperty(DeadLetterNotes.ERROR_CODE)).isEqualTo("invalid_request");
        assertThat(dead.getStringProperty(DeadLetterNotes.ERROR_REASON)).startsWith("The message is not JSON");
        assertThat(dead.getIntProperty(DeadLetterNotes.ATTEMPTS)).isZero();
        assertThat(RECORDS).isEmpty();
    }

    @Test
    void aRequestMissingItsTextOrNamingABadTeamIsNamedInTheDeadLetter() throws Exception {
        client.send(REQUESTS, """
                {"id": "memo-0004"}""", message -> { });
        Message missingText = client.receive(DEAD_LETTERS);
        client.send(REQUESTS, """
                {"id": "memo-0005", "text": "Some text.", "team": "data science"}""", message -> { });
        Message badTeam = client.receive(DEAD_LETTERS);

        assertThat(missingText.getStringProperty(DeadLetterNotes.DOCUMENT_ID)).isEqualTo("memo-0004");
        assertThat(missingText.getStringProperty(DeadLetterNotes.ERROR_REASON))
                .isEqualTo("text is required and must be a non-empty string.");
        assertThat(badTeam.getStringProperty(DeadLetterNotes.ERROR_REASON)).startsWith("team must be 1 to 64 letters");
        assertThat(RECORDS).isEmpty();
    }

    @Test
    void aRequestLargerThanTheLargestDocumentGoesToTheDeadLettersUnread() throws Exception {
        String multiByteText = "\u00e9t\u00e9 ".repeat(MAX_DOCUMENT_BYTES / 6 + 1);
        assertThat(multiByteText.length()).isLessThan(MAX_DOCUMENT_BYTES);
        client.send(REQUESTS, json(Map.of("id", "memo-0008", "text", multiByteText)), message -> { });

        Message dead = client.receive(DEAD_LETTERS);

        assertThat(dead.getStringProperty(DeadLetterNotes.ERROR_CODE)).isEqualTo("document_too_large");
        assertThat(RECORDS).isEmpty();
    }

    @Test
    void aRequestForAnUnknownModelGoesToTheDeadLettersWithoutRetries() throws Exception {
        client.send(REQUESTS, """
                {"id": "memo-0006", "text": "Some text to summarize.", "model": "gpt-4"}""", message -> { });

        Message dead = client.receive(DEAD_LETTERS);

        assertThat(dead.getStringProperty(DeadLetterNotes.ERROR_CODE)).isEqualTo("model_not_found");
        assertThat(dead.getIntProperty(DeadLetterNotes.ATTEMPTS)).isEqualTo(1);
    }

    @Test
    void aRequestTheUpstreamKeepsFailingGoesToTheDeadLettersAfterTheRetries() throws Exception {
        for (String region : List.of("us-east-1", "us-west-2")) {
            gateway.emulator().configureRegion(region,
                    RegionBehaviour.builder().failureRate(BedrockError.SERVICE_UNAVAILABLE, 1.0).build());
        }
        String request = json(Map.of("id", "memo-0007", "text", prose(6)));
        client.send(REQUESTS, request, message -> message.setJMSCorrelationID("corr-0007"));

        Message dead = client.receive(DEAD_LETTERS);

        assertThat(((TextMessage) dead).getText()).isEqualTo(request);
        assertThat(dead.getJMSCorrelationID()).isEqualTo("corr-0007");
        assertThat(dead.getIntProperty(DeadLetterNotes.ATTEMPTS)).isEqualTo(1 + MAXIMUM_REDELIVERIES);
        assertThat(dead.getStringProperty(DeadLetterNotes.ERROR_REASON)).contains("No region of model 'tiny'");
        assertThat(RECORDS).hasSize(1 + MAXIMUM_REDELIVERIES)
                .allSatisfy(record -> assertThat(record.outcome()).isNotEqualTo("ok"));
        assertThat(gateway.application().batchProgress().snapshot().failed()).isPositive();
    }
}
