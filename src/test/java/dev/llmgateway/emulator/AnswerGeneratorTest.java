package dev.llmgateway.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AnswerGeneratorTest {

    private static GeneratedAnswer answer(String text, int maxTokens, String... stops) {
        return AnswerGenerator.answer(new ChatPrompt("", List.of(new ChatPrompt.Turn("user", text)), maxTokens, List.of(stops)));
    }

    @Test
    void aShortQuestionIsQuotedWithItsKeyWords() {
        GeneratedAnswer answer = answer("What is the capital of France?", 100);
        assertThat(answer.text()).isEqualTo("You asked: \"What is the capital of France?\" The short answer turns on \"capital\" and \"France\".");
        assertThat(answer.stopReason()).isEqualTo(StopReason.END_TURN);
    }

    @Test
    void aLongMessageIsSummarisedInItsOriginalSentenceOrder() {
        String source = RequestBodies.LONG_TEXT + " Kafka topics can feed Camel routes with messages for the gateway."
                + " The gateway counts tokens for every Camel route and every message."
                + " Bedrock models answer the messages that Camel routes send through the gateway.";
        String text = answer(source, 1000).text();
        assertThat(text).contains("Camel").doesNotContain("sandwich").doesNotContain("weather");
        List<String> sentences = List.of(text.split("(?<=\\.) "));
        assertThat(sentences).hasSizeGreaterThan(1);
        assertThat(sentences).isSortedAccordingTo((a, b) -> Integer.compare(source.indexOf(a), source.indexOf(b)));
    }

    @Test
    void theLastUserTurnIsAnswered() {
        GeneratedAnswer answer = AnswerGenerator.answer(new ChatPrompt("system", List.of(
                new ChatPrompt.Turn("user", "First question?"), new ChatPrompt.Turn("assistant", "First answer."),
                new ChatPrompt.Turn("user", "Second question about llamas?")), 100, List.of()));
        assertThat(answer.text()).contains("llamas").doesNotContain("First");
    }

    @Test
    void maxTokensWinsOverALaterStopSequence() {
        GeneratedAnswer answer = answer("What is the capital of France?", 4, "France");
        assertThat(answer.stopReason()).isEqualTo(StopReason.MAX_TOKENS);
        assertThat(answer.stopSequence()).isNull();
        assertThat(answer.outputTokens()).isEqualTo(4);
    }

    @Test
    void theEarliestStopSequenceWins() {
        GeneratedAnswer answer = answer("What is the capital of France?", 100, "France", "capital");
        assertThat(answer.stopReason()).isEqualTo(StopReason.STOP_SEQUENCE);
        assertThat(answer.stopSequence()).isEqualTo("capital");
        assertThat(answer.text()).isEqualTo("You asked: \"What is the ");
    }
}
