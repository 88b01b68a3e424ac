package dev.llmgateway.guard.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class RedactedThrowableTest {

    private final FailClosedLogRedactor redactor = new FailClosedLogRedactor(PiiSettings.defaults());

    @Test
    void messagesOfTheFailureAndItsCausesAreRedactedAndTheStackIsKept() {
        IllegalStateException cause = new IllegalStateException("card 4111 1111 1111 1111 declined");
        RuntimeException failure = new RuntimeException("cannot answer jane.doe@example.com", cause);

        RedactedThrowable redacted = RedactedThrowable.of(failure, redactor);
        StringWriter printed = new StringWriter();
        redacted.printStackTrace(new PrintWriter(printed));

        assertThat(printed.toString())
                .contains("java.lang.RuntimeException: cannot answer <EMAIL_1>")
                .contains("java.lang.IllegalStateException: card <CARD_1> declined")
                .contains("RedactedThrowableTest.messagesOfTheFailure")
                .doesNotContain("jane.doe@example.com")
                .doesNotContain("4111 1111 1111 1111");
    }
}
