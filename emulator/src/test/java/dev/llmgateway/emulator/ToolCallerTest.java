package dev.llmgateway.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rule that decides which tools the emulated model calls, and the inputs it builds from the tools' schemas. */
class ToolCallerTest {
    private static final ToolSpec STOCKS = new ToolSpec("getStockPrice", "Look up a share price", RequestBodies.read("""
            {"type": "object", "properties": {"ticker": {"type": "string"}}, "required": ["ticker"]}"""));
    private static final ToolSpec ADD = new ToolSpec("add", "Sum two numbers", RequestBodies.read("""
            {"type": "object", "properties": {"a": {"type": "number"}, "b": {"type": "number"}}, "required": ["a", "b"]}"""));

    private static List<ToolCall> calls(String userText, ToolChoice choice, ToolSpec... tools) {
        return ToolCaller.calls(new ChatPrompt("", List.of(new ChatPrompt.Turn("user", userText)), 100, List.of(),
                new ToolSet(List.of(tools), choice, "tooluse_")));
    }

    private static List<String> names(List<ToolCall> calls) {
        return calls.stream().map(ToolCall::name).toList();
    }

    @Test
    void aToolIsAskedForByAWordOfItsNameOrDescriptionOfFourLettersOrMore() {
        assertThat(names(calls("What does a share of ACME cost?", ToolChoice.AUTO, STOCKS, ADD))).containsExactly("getStockPrice");
        assertThat(names(calls("Any news on the stock market?", ToolChoice.AUTO, STOCKS, ADD))).containsExactly("getStockPrice");
        assertThat(names(calls("Can you get me a coffee?", ToolChoice.AUTO, STOCKS, ADD))).isEmpty();
    }

    @Test
    void aToolIsAskedForByItsWholeName() {
        assertThat(names(calls("Please add 2 and 3", ToolChoice.AUTO, STOCKS, ADD))).containsExactly("add");
        assertThat(names(calls("What is my address?", ToolChoice.AUTO, ADD))).isEmpty();
    }

    @Test
    void noneCallsNothingEvenWhenAsked() {
        assertThat(calls("Please add 2 and 3", ToolChoice.NONE, ADD)).isEmpty();
    }

    @Test
    void afterToolResultsAutoAnswersInTextButAnyCallsAgain() {
        ToolSet auto = new ToolSet(List.of(ADD), ToolChoice.AUTO, "tooluse_");
        List<ChatPrompt.Turn> turns = List.of(new ChatPrompt.Turn("user", "Please add 2 and 3"),
                new ChatPrompt.Turn("assistant", "", List.of(new ToolCall("tooluse_1", "add", Json.object())), List.of(), List.of()),
                new ChatPrompt.Turn("user", "", List.of(),
                        List.of(new ToolResult("tooluse_1", 0, List.of(Json.object().put("sum", 5)), false)), List.of()));

        assertThat(ToolCaller.calls(new ChatPrompt("", turns, 100, List.of(), auto))).isEmpty();
        assertThat(ToolCaller.calls(new ChatPrompt("", turns, 100, List.of(), new ToolSet(List.of(ADD), ToolChoice.ANY, "tooluse_"))))
                .extracting(ToolCall::name).containsExactly("add");
    }

    @Test
    void numbersAndStringsComeFromTheWordsAfterTheirPropertyNames() {
        assertThat(calls("Use add with a = 2.5 and b 4", ToolChoice.AUTO, ADD).get(0).input())
                .isEqualTo(RequestBodies.read("{\"a\": 2.5, \"b\": 4.0}"));
        assertThat(calls("Look up the share price for ticker: ACME.", ToolChoice.AUTO, STOCKS).get(0).input())
                .isEqualTo(RequestBodies.read("{\"ticker\": \"ACME\"}"));
    }

    @Test
    void everyTypeOfTheSchemaGetsAValueOfThatType() {
        ToolSpec booking = new ToolSpec("book_room", "Book a hotel room", RequestBodies.read("""
                {"type": "object", "required": ["guests", "nights", "breakfast", "room", "dates", "notes", "level", "contact", "mode"],
                 "properties": {
                   "guests": {"type": "integer", "minimum": 2, "maximum": 4},
                   "nights": {"type": "integer", "maximum": 0},
                   "breakfast": {"type": "boolean"},
                   "room": {"type": "string", "enum": ["single", "double"]},
                   "dates": {"type": "array", "items": {"type": "string"}, "minItems": 2},
                   "notes": {"type": ["null", "string"]},
                   "level": {"const": 3},
                   "contact": {"type": "object", "properties": {"email": {"type": "string"}, "phone": {"type": "string"}}, "required": ["email"]},
                   "mode": {"anyOf": [{"type": "integer"}, {"type": "string"}]},
                   "pets": {"type": "boolean"}}}"""));

        assertThat(calls("Book a room", ToolChoice.AUTO, booking).get(0).input()).isEqualTo(RequestBodies.read("""
                {"guests": 2, "nights": 0, "breakfast": true, "room": "single", "dates": ["example dates", "example dates"],
                 "notes": "example notes", "level": 3, "contact": {"email": "example email"}, "mode": 1}"""));
        JsonNode mentioned = calls("Book a room with pets allowed for guests 3", ToolChoice.AUTO, booking).get(0).input();
        assertThat(mentioned.get("pets").asBoolean()).isTrue();
        assertThat(mentioned.get("guests").asInt()).isEqualTo(3);
    }
}
