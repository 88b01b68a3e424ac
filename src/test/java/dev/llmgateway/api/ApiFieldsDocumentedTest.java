package dev.llmgateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.anthropic.AnthropicMessagesFields;
import dev.llmgateway.http.CacheControl;
import dev.llmgateway.http.FieldRules;
import dev.llmgateway.openai.OpenAiChatFields;
import dev.llmgateway.openai.OpenAiEmbeddingsFields;
import dev.llmgateway.responses.ResponsesFields;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/api.md lists every field the APIs define, with what the gateway does with it, as the code does it. */
class ApiFieldsDocumentedTest {

    private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\| (.+) \\|$", Pattern.MULTILINE);
    private static final Map<FieldRules.Disposition, String> WORDING = Map.of(
            FieldRules.Disposition.SERVED, "served",
            FieldRules.Disposition.NEUTRAL_ONLY, "accepted only as",
            FieldRules.Disposition.IGNORED, "accepted and ignored",
            FieldRules.Disposition.REFUSED, "refused");

    @Test
    void theOpenAiTableSaysWhatTheReaderDoes() throws Exception {
        String table = section("**OpenAI", "**Anthropic");
        assertDocumented(table, "", OpenAiChatFields.REQUEST);
        assertDocumented(table, "stream_options.", OpenAiChatFields.STREAM_OPTIONS);
        assertDocumented(table, "response_format.", OpenAiChatFields.RESPONSE_FORMAT);
        assertDocumented(table, "response_format.json_schema.", OpenAiChatFields.JSON_SCHEMA);
        assertDocumented(table, "tools[].", OpenAiChatFields.TOOL);
        assertDocumented(table, "tools[].function.", OpenAiChatFields.FUNCTION);
        assertDocumented(table, "messages[].", OpenAiChatFields.MESSAGE);
        assertDocumented(table, "messages[].tool_calls[].", OpenAiChatFields.TOOL_CALL);
        assertDocumented(table, "messages[].thinking_blocks[].", OpenAiChatFields.THINKING_BLOCK);
        assertDocumented(table, "messages[].tool_calls[].function.", OpenAiChatFields.CALLED_FUNCTION);
        assertDocumented(table, "messages[].content[] (text).", OpenAiChatFields.TEXT_PART);
        assertDocumented(table, "messages[].content[] (image_url).", OpenAiChatFields.IMAGE_PART);
        assertDocumented(table, "messages[].content[].image_url.", OpenAiChatFields.IMAGE_URL);
        assertDocumented(table, "messages[].content[] (file).", OpenAiChatFields.FILE_PART);
        assertDocumented(table, "messages[].content[].file.", OpenAiChatFields.FILE);
        assertDocumented(table, "cache_control.", CacheControl.RULES);
    }

    @Test
    void theAnthropicTableSaysWhatTheReaderDoes() throws Exception {
        String table = section("**Anthropic", "## One request");
        assertDocumented(table, "", AnthropicMessagesFields.REQUEST);
        assertDocumented(table, "metadata.", AnthropicMessagesFields.METADATA);
        assertDocumented(table, "output_config.", AnthropicMessagesFields.OUTPUT_CONFIG);
        assertDocumented(table, "output_config.format.", AnthropicMessagesFields.OUTPUT_FORMAT);
        assertDocumented(table, "thinking.", AnthropicMessagesFields.THINKING);
        assertDocumented(table, "tools[].", AnthropicMessagesFields.TOOL);
        assertDocumented(table, "tool_choice.", AnthropicMessagesFields.TOOL_CHOICE);
        assertDocumented(table, "messages[].", AnthropicMessagesFields.MESSAGE);
        assertDocumented(table, "messages[].content[] (text).", AnthropicMessagesFields.TEXT_BLOCK);
        assertDocumented(table, "messages[].content[] (image).", AnthropicMessagesFields.IMAGE_BLOCK);
        assertDocumented(table, "messages[].content[] (document).", AnthropicMessagesFields.DOCUMENT_BLOCK);
        assertDocumented(table, "messages[].content[].source.", AnthropicMessagesFields.BASE64_SOURCE);
        assertDocumented(table, "messages[].content[] (tool_use).", AnthropicMessagesFields.TOOL_USE_BLOCK);
        assertDocumented(table, "messages[].content[] (tool_result).", AnthropicMessagesFields.TOOL_RESULT_BLOCK);
        assertDocumented(table, "messages[].content[] (thinking).", AnthropicMessagesFields.THINKING_BLOCK);
        assertDocumented(table, "messages[].content[] (redacted_thinking).",
                AnthropicMessagesFields.REDACTED_THINKING_BLOCK);
        assertDocumented(table, "cache_control.", CacheControl.RULES);
        assertDocumented(table, "count_tokens: ", AnthropicMessagesFields.COUNT_TOKENS_REQUEST);
    }

    @Test
    void theEmbeddingsTableSaysWhatTheReaderDoes() throws Exception {
        assertDocumented(section("## Embeddings", "## Request ids"), "embeddings: ", OpenAiEmbeddingsFields.REQUEST);
    }

    @Test
    void theResponsesTableSaysWhatTheReaderDoes() throws Exception {
        String table = section("## Responses API", "## Request ids and errors");
        assertDocumented(table, "", ResponsesFields.REQUEST);
        assertDocumented(table, "text.", ResponsesFields.TEXT);
        assertDocumented(table, "text.format.", ResponsesFields.FORMAT);
        assertDocumented(table, "tools[].", ResponsesFields.TOOL);
        assertDocumented(table, "tool_choice.", ResponsesFields.TOOL_CHOICE);
        assertDocumented(table, "input[] (message).", ResponsesFields.MESSAGE);
        assertDocumented(table, "input[].content[] (input_text, output_text).", ResponsesFields.TEXT_PART);
        assertDocumented(table, "input[].content[] (input_image).", ResponsesFields.IMAGE_PART);
        assertDocumented(table, "input[].content[] (input_file).", ResponsesFields.FILE_PART);
        assertDocumented(table, "input[] (function_call).", ResponsesFields.FUNCTION_CALL);
        assertDocumented(table, "input[] (function_call_output).", ResponsesFields.FUNCTION_CALL_OUTPUT);
    }

    private static void assertDocumented(String table, String prefix, FieldRules rules) {
        Map<String, String> rows = new HashMap<>();
        Matcher row = ROW.matcher(table);
        while (row.find()) {
            rows.put(row.group(1), row.group(2));
        }
        rules.rules().forEach((name, rule) -> assertThat(rows.get(prefix + name))
                .as("docs/api.md row for %s%s", prefix, name)
                .isNotNull()
                .startsWith(WORDING.get(rule.disposition())));
    }

    private static String section(String from, String to) throws Exception {
        String doc = Files.readString(Path.of("docs/api.md"));
        int start = doc.indexOf(from);
        return doc.substring(start, doc.indexOf(to, start));
    }
}
