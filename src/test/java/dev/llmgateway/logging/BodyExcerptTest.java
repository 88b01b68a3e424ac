package dev.llmgateway.logging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.chat.ChatMessage;
import dev.llmgateway.chat.ChatRole;
import dev.llmgateway.guard.pii.PiiMatch;
import dev.llmgateway.guard.pii.PiiRedactor;
import dev.llmgateway.guard.pii.PiiSettings;
import dev.llmgateway.guard.text.InspectionBudget;
import java.util.List;
import org.junit.jupiter.api.Test;

class BodyExcerptTest {

    private static final int MAX = 100;
    private final BodyExcerpt excerpt = new BodyExcerpt(PiiSettings.defaults(), MAX);

    @Test
    void aShortTextIsRedactedWhole() {
        assertThat(excerpt.of("Mail jane.doe@example.com or call +1 415 555 0100."))
                .isEqualTo("Mail <EMAIL_1> or call <PHONE_1>.");
    }

    @Test
    void aLongTextIsCutAndSaysHowLongItWas() {
        String text = "word ".repeat(2000);

        String cut = excerpt.of(text);

        assertThat(cut).startsWith("word word").endsWith("... [cut; 10000 characters in all]");
        assertThat(cut.length()).isLessThan(MAX + 40);
    }

    @Test
    void aValueTheCutFallsInsideIsNeverLeftHalfShown() {
        String card = "4012 8888 8888 1881";
        String email = "jane.doe@example.com";
        for (int start = MAX - 25; start <= MAX + 5; start++) {
            String filler = "x".repeat(start);
            String withCard = excerpt.of(filler + card + " and more words after it ".repeat(40));
            String withEmail = excerpt.of(filler + " " + email + " and more words after it ".repeat(40));

            assertThat(withCard).as("card at " + start).doesNotContain("4012").doesNotContain("8888").doesNotContain("1881");
            assertThat(withEmail).as("e-mail at " + start).doesNotContain("jane").doesNotContain("example");
        }
    }

    @Test
    void aPromptIsItsMessagesOnePerLine() {
        assertThat(excerpt.ofPrompt(List.of(new ChatMessage(ChatRole.SYSTEM, "Be brief."),
                new ChatMessage(ChatRole.USER, "Who is jane.doe@example.com?"))))
                .isEqualTo("system: Be brief.\nuser: Who is <EMAIL_1>?");
    }

    @Test
    void textThatCannotBeRedactedIsWithheld() {
        PiiRedactor broken = new PiiRedactor(PiiSettings.defaults()) {
            @Override
            public List<PiiMatch> find(String text, InspectionBudget budget) {
                throw new IllegalStateException("detector broken");
            }
        };
        BodyExcerpt failing = new BodyExcerpt(broken, 64, MAX);

        assertThat(failing.of("Mail jane.doe@example.com")).isEqualTo("[withheld: 25 characters, redaction failed]");
        assertThat(failing.of("jane.doe@example.com ".repeat(50))).isEqualTo("[withheld: 1050 characters, redaction failed]");
    }

    @Test
    void nothingStaysNothing() {
        assertThat(excerpt.of(null)).isNull();
    }
}
