package dev.llmgateway.logging;

import dev.llmgateway.chat.ChatMessage;
import dev.llmgateway.guard.pii.FailClosedLogRedactor;
import dev.llmgateway.guard.pii.PiiRedactor;
import dev.llmgateway.guard.pii.PiiSettings;
import dev.llmgateway.guard.pii.PlaceholderMap;
import dev.llmgateway.guard.pii.StreamingRedactor;
import dev.llmgateway.guard.text.InspectionBudgetExceededException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Prompt and answer text fit for a log line: PII-redacted (failing closed) and cut to a length. A long text is
 * redacted only as far as it is kept plus the redactor's look-ahead, so a value the cut would split is still seen
 * whole and replaced, while a 4 MB prompt costs no more than a short one. What is read is read in time linear in
 * its length, within an inspection budget; a text that cannot be redacted, in time or at all, is withheld whole.
 */
final class BodyExcerpt {

    private final PiiRedactor redactor;
    private final FailClosedLogRedactor failClosed;
    private final int lookAhead;
    private final int maxChars;

    BodyExcerpt(PiiSettings pii, int maxChars) {
        this(new PiiRedactor(pii), pii.streamingLookAhead(), maxChars);
    }

    BodyExcerpt(PiiRedactor redactor, int lookAhead, int maxChars) {
        this.redactor = redactor;
        this.failClosed = new FailClosedLogRedactor(redactor);
        this.lookAhead = lookAhead;
        this.maxChars = maxChars;
    }

    /** @return the messages as "role: text" lines, redacted and cut */
    String ofPrompt(List<ChatMessage> messages) {
        return of(messages.stream().map(m -> m.role().wireName() + ": " + m.content()).collect(Collectors.joining("\n")));
    }

    /** @return the text redacted and cut, or null for null */
    String of(String text) {
        if (text == null) {
            return null;
        }
        if (text.length() <= maxChars + lookAhead) {
            String redacted = failClosed.redact(text);
            return redacted.length() <= maxChars ? redacted : cut(redacted, text.length());
        }
        try {
            StreamingRedactor head = new StreamingRedactor(redactor, new PlaceholderMap(), lookAhead);
            return cut(head.accept(text.substring(0, maxChars + lookAhead)), text.length());
        } catch (InspectionBudgetExceededException e) {
            return FailClosedLogRedactor.overBudget(text.length());
        } catch (RuntimeException | StackOverflowError e) {
            return FailClosedLogRedactor.failed(text.length());
        }
    }

    /** Cutting redacted text is safe: every value in it is already a placeholder. */
    private String cut(String redacted, int originalLength) {
        return redacted.substring(0, Math.min(maxChars, redacted.length())) + "... [cut; " + originalLength
                + " characters in all]";
    }
}
