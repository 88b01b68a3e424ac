package dev.llmgateway.logging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.chat.ChatMessage;
import dev.llmgateway.chat.ChatRole;
import dev.llmgateway.guard.pii.PiiSettings;
import dev.llmgateway.record.CallContent;
import dev.llmgateway.record.CallRecord;
import dev.llmgateway.testing.CapturedLogs;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestLogTest {

    private static final CallRecord RECORD = new CallRecord(Instant.parse("2026-01-02T03:04:05Z"), "req-0001",
            "chat-completions", "analytics", "reports", "key_abc", "claude-3-haiku",
            "anthropic.claude-3-haiku-20240307-v1:0", "us-west-2", "summarize@3", true, 120, 80, 0, 0,
            new BigDecimal("0.0001300"), null, BigDecimal.ZERO, 900, 150, 640L, 200, "ok");
    private static final CallContent CONTENT = new CallContent(
            List.of(new ChatMessage(ChatRole.USER, "Summarize the mail from jane.doe@example.com")), "Jane wrote about X.");

    @Test
    void withoutBodiesALineCarriesTheRecordOnly() {
        Map<String, Object> line = new RequestLog(RequestLogSettings.defaults(), PiiSettings.defaults()).line(RECORD, CONTENT);

        assertThat(line).doesNotContainKeys("prompt", "answer")
                .containsEntry("requestId", "req-0001").containsEntry("team", "analytics")
                .containsEntry("feature", "reports").containsEntry("keyId", "key_abc")
                .containsEntry("model", "claude-3-haiku").containsEntry("region", "us-west-2")
                .containsEntry("template", "summarize@3").containsEntry("stream", true)
                .containsEntry("inputTokens", 120L).containsEntry("outputTokens", 80L)
                .containsEntry("latencyMs", 900L).containsEntry("timeToFirstTokenMs", 150L).containsEntry("upstreamMs", 640L)
                .containsEntry("status", 200).containsEntry("outcome", "ok")
                .containsEntry("time", "2026-01-02T03:04:05Z");
    }

    @Test
    void withBodiesALineCarriesThemRedacted() {
        Map<String, Object> line = new RequestLog(new RequestLogSettings(true, 500), PiiSettings.defaults())
                .line(RECORD, CONTENT);

        assertThat(line).containsEntry("prompt", "user: Summarize the mail from <EMAIL_1>")
                .containsEntry("answer", "Jane wrote about X.");
    }

    @Test
    void namesTheCallerChoseAreRedactedLikeBodies() {
        CallRecord unknownNames = new CallRecord(RECORD.receivedAt(), "req-0002", "chat-completions", "analytics",
                "reports", "key_abc", "jane.doe@example.com", null, null, "card 4111 1111 1111 1111", false, 0, 0, 0, 0,
                BigDecimal.ZERO, null, BigDecimal.ZERO, 3, 3, null, 404, "model_not_found");

        RequestLog log = new RequestLog(RequestLogSettings.defaults(), PiiSettings.defaults());

        assertThat(log.line(RECORD, CallContent.NONE)).containsEntry("model", "claude-3-haiku");
        for (int call = 0; call < 2; call++) {
            assertThat(log.line(unknownNames, CallContent.NONE)).containsEntry("model", "<EMAIL_1>")
                    .containsEntry("template", "card <CARD_1>");
        }
        assertThat(log.line(RECORD, CallContent.NONE)).containsEntry("model", "claude-3-haiku")
                .containsEntry("template", "summarize@3");
    }

    @Test
    void theLineIsJsonWithDollarsAsPlainDecimals() {
        try (CapturedLogs logs = CapturedLogs.start()) {
            new RequestLog(RequestLogSettings.defaults(), PiiSettings.defaults()).recorded(RECORD, CONTENT);

            assertThat(logs.requestLogLines()).singleElement().asString()
                    .startsWith("{\"time\":\"2026-01-02T03:04:05Z\",\"requestId\":\"req-0001\"")
                    .contains("\"costUsd\":0.0001300,").contains("\"cache\":null,").endsWith("\"outcome\":\"ok\"}");
        }
    }
}
