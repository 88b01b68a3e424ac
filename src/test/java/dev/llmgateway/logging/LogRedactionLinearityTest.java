package dev.llmgateway.logging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.chat.ChatMessage;
import dev.llmgateway.chat.ChatRole;
import dev.llmgateway.guard.pii.FailClosedLogRedactor;
import dev.llmgateway.guard.pii.PiiMatch;
import dev.llmgateway.guard.pii.PiiRedactor;
import dev.llmgateway.guard.pii.PiiSettings;
import dev.llmgateway.guard.pii.PlaceholderMap;
import dev.llmgateway.guard.pii.RedactedThrowable;
import dev.llmgateway.guard.text.InspectionBudget;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Log redaction of hostile text: a huge body costs no more than its head, a huge message or name is redacted in
 * linear time, and a text that cannot be redacted within its budget is withheld, never logged raw.
 */
class LogRedactionLinearityTest {

    private static final List<String> HOSTILE = List.of("write to a@" + "xy.".repeat(300_000) + "com",
            "+1 202 555 0143, ".repeat(60_000), "2024-03-05 12:30, ".repeat(60_000), "<A" + "_1".repeat(500_000),
            "a" + "\u0301\u0316".repeat(500_000));

    @Test
    void aHugeHostileBodyIsRedactedAsFastAsItsHead() {
        BodyExcerpt excerpt = new BodyExcerpt(PiiSettings.defaults(), 2000);
        for (String body : HOSTILE) {
            long start = System.nanoTime();
            String logged = excerpt.ofPrompt(List.of(new ChatMessage(ChatRole.USER, body)));
            assertThat(System.nanoTime() - start).as(body.substring(0, 12)).isLessThan(2_000_000_000L);
            assertThat(logged).endsWith(" characters in all]").doesNotContain("202 555 0143").doesNotContain("a@xy");
        }
    }

    @Test
    void aHugeHostileMessageIsRedactedInLinearTime() {
        FailClosedLogRedactor redactor = new FailClosedLogRedactor(PiiSettings.defaults());
        for (String message : HOSTILE) {
            long start = System.nanoTime();
            String logged = RedactedThrowable.of(new IllegalStateException(message), redactor).getMessage();
            // 1 MB of the worst text takes a few seconds; the quadratic or recursive versions never finished
            assertThat(System.nanoTime() - start).as(message.substring(0, 12)).isLessThan(60_000_000_000L);
            assertThat(logged).doesNotContain("202 555 0143").doesNotContain("a@xy");
        }
    }

    @Test
    void textThatCannotBeRedactedWithinTheBudgetIsWithheld() {
        PiiRedactor slow = new PiiRedactor(PiiSettings.defaults()) {
            @Override
            public List<PiiMatch> find(String text, InspectionBudget budget) {
                budget.charge(InspectionBudget.FIXED_READS + InspectionBudget.READS_PER_CHARACTER * text.length() + 1);
                return List.of();
            }
        };
        String text = "Mail jane.doe@example.com";
        assertThat(new FailClosedLogRedactor(slow).redact(text))
                .isEqualTo("[withheld: 25 characters, could not be redacted within the inspection budget]");
        assertThat(new BodyExcerpt(slow, 64, 10).of(text + " and more".repeat(20)))
                .isEqualTo("[withheld: 205 characters, could not be redacted within the inspection budget]");
        assertThat(new BodyExcerpt(slow, 64, 100).of(text))
                .isEqualTo("[withheld: 25 characters, could not be redacted within the inspection budget]");
        assertThat(new FailClosedLogRedactor(slow).redact(text)).doesNotContain("jane");
        assertThat(new PiiRedactor(PiiSettings.defaults()).redact(text, new PlaceholderMap(), InspectionBudget.unlimited()))
                .isEqualTo("Mail <EMAIL_1>");
    }
}
