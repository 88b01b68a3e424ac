package dev.llmgateway.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AnswerGeneratorTest {

    private static GeneratedAnswer answer(String text, int maxTokens, String... stops) {
        return AnswerGenerator.answer(new ChatPrompt("", List.of(new ChatPrompt.Turn("user", text)), maxTokens, List.of(stops), ToolSet.NONE));
    }

    /** A text answer is one text block. */
    private static String text(GeneratedAnswer answer) {
        assertThat(answer.blocks()).singleElement().isInstanceOf(AnswerBlock.Text.class);
        return ((AnswerBlock.Text) answer.blocks().get(0)).text();
    }

    @Test
    void aShortQuestionIsQuotedWithItsKeyWords() {
        GeneratedAnswer answer = answer("What is the capital of France?", 100);
        assertThat(text(answer)).isEqualTo("You asked: \"What is the capital of France?\" The short answer turns on \"capital\" and \"France\".");
        assertThat(answer.stopReason()).isEqualTo(StopReason.END_TURN);
    }

    @Test
    void aLongMessageIsSummarisedInItsOriginalSentenceOrder() {
        String source = RequestBodies.LONG_TEXT + " Kafka topics can feed Camel routes with messages for the gateway."
                + " The gateway counts tokens for every Camel route and every message."
                + " Bedrock models answer the messages that Camel routes send through the gateway.";
        String text = text(answer(source, 1000));
        assertThat(text).contains("Camel").doesNotContain("sandwich").doesNotContain("weather");
        List<String> sentences = List.of(text.split("(?<=\\.) "));
        assertThat(sentences).hasSizeGreaterThan(1);
        assertThat(sentences).isSortedAccordingTo((a, b) -> Integer.compare(source.indexOf(a), source.indexOf(b)));
    }

    @Test
    void theLastUserTurnIsAnswered() {
        GeneratedAnswer answer = AnswerGenerator.answer(new ChatPrompt("system", List.of(
                new ChatPrompt.Turn("user", "First question?"), new ChatPrompt.Turn("assistant", "First answer."),
                new ChatPrompt.Turn("user", "Second question about llamas?")), 100, List.of(), ToolSet.NONE));
        assertThat(text(answer)).contains("llamas").doesNotContain("First");
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
        assertThat(text(answer)).isEqualTo("You asked: \"What is the ");
    }

    private static GeneratedAnswer weatherCall(int maxTokens, String... stops) {
        ToolSet tools = new ToolSet(List.of(new ToolSpec(ToolRequests.WEATHER, ToolRequests.WEATHER_DESCRIPTION, ToolRequests.WEATHER_SCHEMA)),
                ToolChoice.AUTO, "tooluse_");
        return AnswerGenerator.answer(new ChatPrompt("", List.of(new ChatPrompt.Turn("user", ToolRequests.WEATHER_QUESTION)),
                maxTokens, List.of(stops), tools));
    }

    @Test
    void aToolCallIsItsAnnouncementThenItsToolUse() {
        GeneratedAnswer answer = weatherCall(100);
        assertThat(answer.stopReason()).isEqualTo(StopReason.TOOL_USE);
        assertThat(answer.blocks()).hasSize(2);
        assertThat(answer.blocks().get(1)).isInstanceOfSatisfying(AnswerBlock.ToolUse.class,
                use -> assertThat(String.join("", use.pieces())).isEqualTo(Json.text(use.call().input())));
        assertThat(answer.outputTokens()).isEqualTo(answer.blocks().get(0).pieces().size() + answer.blocks().get(1).pieces().size());
    }

    @Test
    void aToolCallThatDoesNotFitInMaxTokensIsNotMade() {
        GeneratedAnswer answer = weatherCall(5);
        assertThat(answer.stopReason()).isEqualTo(StopReason.MAX_TOKENS);
        assertThat(text(answer)).isEqualTo(String.join("", EmulatorTokenizer.pieces("I will use get_weather to answer that.").subList(0, 5)));
    }

    @Test
    void aStopSequenceInTheAnnouncementStopsBeforeTheToolCall() {
        GeneratedAnswer answer = weatherCall(100, "get_weather");
        assertThat(answer.stopReason()).isEqualTo(StopReason.STOP_SEQUENCE);
        assertThat(text(answer)).isEqualTo("I will use ");
    }
}
