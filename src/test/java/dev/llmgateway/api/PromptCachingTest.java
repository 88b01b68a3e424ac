package dev.llmgateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.CacheControlEphemeral;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.TextBlockParam;
import com.anthropic.models.messages.Usage;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionContentPartText;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionSystemMessageParam;
import com.openai.models.completions.CompletionUsage;
import dev.llmgateway.emulator.EmulatorTokenizer;
import dev.llmgateway.record.CallRecord;
import dev.llmgateway.testing.TestGateway;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * cache_control through the official SDKs: the gateway places Bedrock cachePoints where the caller asked, the first
 * of two identical requests writes the prompt cache and the second reads it (the emulator keeps Bedrock's regional
 * cache), both APIs report it in their own usage fields, plain and streamed, and the ledger prices it.
 */
class PromptCachingTest {

    /** Has promptCaching; the emulator caches its prefixes from 2,048 tokens. */
    private static final String MODEL = "claude-3-5-haiku";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<CallRecord> RECORDS = new CopyOnWriteArrayList<>();
    private static TestGateway gateway;
    private static AnthropicClient anthropic;
    private static OpenAIClient openAi;

    @BeforeAll
    static void start() throws Exception {
        gateway = TestGateway.start();
        gateway.application().callRecorder().addListener(RECORDS::add);
        anthropic = AnthropicOkHttpClient.builder().apiKey(TestGateway.API_KEY).baseUrl(gateway.uri("").toString())
                .maxRetries(0).build();
        openAi = OpenAIOkHttpClient.builder().apiKey(TestGateway.API_KEY).baseUrl(gateway.uri("/v1").toString())
                .maxRetries(0).build();
    }

    @AfterAll
    static void stop() {
        anthropic.close();
        openAi.close();
        gateway.close();
    }

    @BeforeEach
    void clear() {
        RECORDS.clear();
    }

    /** A system prompt of about 3,000 tokens, unique to the test that asks for it. */
    private static String longSystem(String salt) {
        return salt + " policy".repeat(1500);
    }

    private static MessageCreateParams anthropicParams(String system) {
        return MessageCreateParams.builder().model(MODEL).maxTokens(100)
                .systemOfTextBlockParams(List.of(TextBlockParam.builder().text(system)
                        .cacheControl(CacheControlEphemeral.builder().build()).build()))
                .addUserMessage("What does the policy say?").build();
    }

    @Test
    void anthropicReportsTheCacheWriteThenTheCacheRead() {
        String system = longSystem("anthropic-plain");

        Usage first = anthropic.messages().create(anthropicParams(system)).usage();
        Usage second = anthropic.messages().create(anthropicParams(system)).usage();

        int prefix = EmulatorTokenizer.count(system);
        assertThat(first.cacheCreationInputTokens()).hasValue((long) prefix);
        assertThat(first.cacheReadInputTokens()).hasValue(0L);
        assertThat(second.cacheReadInputTokens()).hasValue((long) prefix);
        assertThat(second.cacheCreationInputTokens()).hasValue(0L);
        assertThat(second.inputTokens()).isEqualTo(first.inputTokens()).isLessThan(prefix);
    }

    @Test
    void anthropicStreamsTheCacheTokensInMessageDelta() {
        String system = longSystem("anthropic-streamed");

        Message first = streamed(anthropicParams(system));
        Message second = streamed(anthropicParams(system));

        int prefix = EmulatorTokenizer.count(system);
        assertThat(first.usage().cacheCreationInputTokens()).hasValue((long) prefix);
        assertThat(second.usage().cacheReadInputTokens()).hasValue((long) prefix);
        assertThat(second.usage().inputTokens()).isLessThan(prefix);
    }

    private static Message streamed(MessageCreateParams params) {
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = anthropic.messages().createStreaming(params)) {
            stream.stream().forEach(accumulator::accumulate);
        }
        return accumulator.message();
    }

    private static ChatCompletionCreateParams openAiParams(String system, boolean stream) {
        ChatCompletionContentPartText part = ChatCompletionContentPartText.builder().text(system)
                .putAdditionalProperty("cache_control", JsonValue.from(Map.of("type", "ephemeral"))).build();
        ChatCompletionCreateParams.Builder params = ChatCompletionCreateParams.builder().model(MODEL).maxTokens(100)
                .addMessage(ChatCompletionSystemMessageParam.builder().contentOfArrayOfContentParts(List.of(part))
                        .build())
                .addUserMessage("What does the policy say?");
        if (stream) {
            params.streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build());
        }
        return params.build();
    }

    @Test
    void openAiReportsCachedTokensWithinThePromptTokens() {
        String system = longSystem("openai-plain");

        CompletionUsage first = openAi.chat().completions().create(openAiParams(system, false)).usage().orElseThrow();
        CompletionUsage second = openAi.chat().completions().create(openAiParams(system, false)).usage().orElseThrow();

        int prefix = EmulatorTokenizer.count(system);
        assertThat(first.promptTokensDetails().orElseThrow().cachedTokens()).hasValue(0L);
        assertThat(cacheWriteTokens(first)).isEqualTo(prefix);
        assertThat(second.promptTokensDetails().orElseThrow().cachedTokens()).hasValue((long) prefix);
        assertThat(cacheWriteTokens(second)).isZero();
        assertThat(second.promptTokens()).isEqualTo(first.promptTokens()).isGreaterThan(prefix);
        assertThat(second.totalTokens()).isEqualTo(second.promptTokens() + second.completionTokens());
    }

    @Test
    void openAiStreamsTheCachedTokensInTheUsageChunk() {
        String system = longSystem("openai-streamed");

        CompletionUsage first = streamed(openAiParams(system, true)).usage().orElseThrow();
        CompletionUsage second = streamed(openAiParams(system, true)).usage().orElseThrow();

        int prefix = EmulatorTokenizer.count(system);
        assertThat(cacheWriteTokens(first)).isEqualTo(prefix);
        assertThat(second.promptTokensDetails().orElseThrow().cachedTokens()).hasValue((long) prefix);
        assertThat(second.promptTokens()).isEqualTo(first.promptTokens());
    }

    private static ChatCompletion streamed(ChatCompletionCreateParams params) {
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        try (com.openai.core.http.StreamResponse<ChatCompletionChunk> stream =
                     openAi.chat().completions().createStreaming(params)) {
            stream.stream().forEach(accumulator::accumulate);
        }
        return accumulator.chatCompletion();
    }

    private static long cacheWriteTokens(CompletionUsage usage) {
        JsonValue value = usage.promptTokensDetails().orElseThrow()._additionalProperties().get("cache_write_tokens");
        return value.convert(Long.class);
    }

    @Test
    void theCallRecordCarriesTheCacheTokensAndPricesThemAtTheCachePrices() throws Exception {
        String system = longSystem("ledger");
        anthropic.messages().create(anthropicParams(system));
        anthropic.messages().create(anthropicParams(system));

        List<CallRecord> records = awaitRecords(2);
        int prefix = EmulatorTokenizer.count(system);
        CallRecord write = records.get(0);
        CallRecord read = records.get(1);
        assertThat(write.cacheWriteTokens()).isEqualTo(prefix);
        assertThat(write.cacheReadTokens()).isZero();
        assertThat(read.cacheReadTokens()).isEqualTo(prefix);
        assertThat(read.cacheWriteTokens()).isZero();
        // claude-3-5-haiku: input 0.80, output 4.00, cache read 0.08, cache write 1.00 dollars a million tokens
        assertThat(write.costUsd()).isEqualByComparingTo(perMillion(write.inputTokens() * 0.80
                + write.outputTokens() * 4.00 + prefix * 1.00));
        assertThat(read.costUsd()).isEqualByComparingTo(perMillion(read.inputTokens() * 0.80
                + read.outputTokens() * 4.00 + prefix * 0.08));
    }

    private static BigDecimal perMillion(double dollarMillionths) {
        return BigDecimal.valueOf(dollarMillionths).divide(BigDecimal.valueOf(1_000_000));
    }

    private static List<CallRecord> awaitRecords(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (RECORDS.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(RECORDS).hasSize(count);
        return List.copyOf(RECORDS);
    }

    /** @return the message of the 400 the request gets */
    private static String refusal(String path, String body) throws Exception {
        HttpResponse<String> response = gateway.post(path, body);
        assertThat(response.statusCode()).isEqualTo(400);
        return JSON.readTree(response.body()).path("error").path("message").asText();
    }

    @Test
    void aCacheControlOnAModelWithoutPromptCachingIsRefusedNamingBoth() throws Exception {
        assertThat(refusal("/v1/messages", """
                {"model": "claude-3-haiku", "max_tokens": 50, "messages": [{"role": "user", "content": [
                  {"type": "text", "text": "hi", "cache_control": {"type": "ephemeral"}}]}]}"""))
                .contains("'claude-3-haiku'", "promptCaching", "cache_control breakpoints", MODEL);
    }

    @Test
    void moreThanFourBreakpointsAreRefused() throws Exception {
        String part = "{\"type\": \"text\", \"text\": \"part\", \"cache_control\": {\"type\": \"ephemeral\"}}";

        assertThat(refusal("/v1/chat/completions", "{\"model\": \"" + MODEL + "\", \"messages\": [{\"role\": "
                + "\"user\", \"content\": [" + String.join(", ", List.of(part, part, part, part, part)) + "]}]}"))
                .isEqualTo("The request has 5 cache_control breakpoints; Bedrock takes at most 4.");
    }

    @Test
    void aOneHourBreakpointAfterAFiveMinuteOneIsRefused() throws Exception {
        assertThat(refusal("/v1/messages", "{\"model\": \"" + MODEL + "\", \"max_tokens\": 50, \"system\": [{"
                + "\"type\": \"text\", \"text\": \"Be brief.\", \"cache_control\": {\"type\": \"ephemeral\"}}], "
                + "\"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"text\", \"text\": \"hi\", "
                + "\"cache_control\": {\"type\": \"ephemeral\", \"ttl\": \"1h\"}}]}]}"))
                .contains("ttl \"1h\" comes after one of \"5m\"");
    }

    @Test
    void aCacheControlOfAnotherTypeIsRefused() throws Exception {
        assertThat(refusal("/v1/messages", "{\"model\": \"" + MODEL + "\", \"max_tokens\": 50, \"messages\": [{"
                + "\"role\": \"user\", \"content\": [{\"type\": \"text\", \"text\": \"hi\", \"cache_control\": "
                + "{\"type\": \"persistent\"}}]}]}"))
                .isEqualTo("messages[0].content[0].cache_control.type 'persistent' is not supported; use "
                        + "\"ephemeral\".");
    }

    @Test
    void aBreakpointAfterEmptyTextIsRefused() throws Exception {
        assertThat(refusal("/v1/messages", "{\"model\": \"" + MODEL + "\", \"max_tokens\": 50, \"system\": [{"
                + "\"type\": \"text\", \"text\": \" \", \"cache_control\": {\"type\": \"ephemeral\"}}], "
                + "\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}"))
                .isEqualTo("system[0].cache_control follows empty text; put it on a block with content.");
    }
}
