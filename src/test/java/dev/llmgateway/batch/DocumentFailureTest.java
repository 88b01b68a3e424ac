package dev.llmgateway.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.chat.GatewayException;
import org.apache.camel.RuntimeCamelException;
import org.junit.jupiter.api.Test;

class DocumentFailureTest {

    @Test
    void aRejectionOrARefusalIsReportedWithItsCodeAndMessageWhereverItIsInTheCauses() {
        DocumentFailure rejected = DocumentFailure.of(new RuntimeCamelException(
                new DocumentRejectedException("empty_document", "a.txt holds no text to summarize.")), "a.txt");
        DocumentFailure refused = DocumentFailure.of(new GatewayException(429, "rate_limit_error", "throttled",
                "Every region is throttling."), "b.txt");

        assertThat(rejected).isEqualTo(new DocumentFailure("empty_document", "a.txt holds no text to summarize."));
        assertThat(refused).isEqualTo(new DocumentFailure("throttled", "Every region is throttling."));
    }

    @Test
    void aStopMidwayAsksForTheDocumentAgain() {
        DocumentFailure failure = DocumentFailure.of(new RuntimeCamelException(new InterruptedException()), "c.txt");

        assertThat(failure.code()).isEqualTo("interrupted");
        assertThat(failure.reason()).contains("c.txt").contains("send it again");
    }

    @Test
    void anythingElseNamesNoInternalsAndPointsToTheLog() {
        DocumentFailure failure = DocumentFailure.of(new IllegalStateException("secret internals: sk-123"), "d.txt");

        assertThat(failure.code()).isEqualTo("internal_error");
        assertThat(failure.reason()).contains("d.txt").contains("log").doesNotContain("secret");
    }
}
