package dev.llmgateway.emulator;

import static dev.llmgateway.emulator.ToolRequests.auto;
import static dev.llmgateway.emulator.ToolRequests.tool;
import static dev.llmgateway.emulator.ToolRequests.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.CachePointBlock;
import software.amazon.awssdk.services.bedrockruntime.model.CachePointType;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.CountTokensInput;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.TokenUsage;
import software.amazon.awssdk.services.bedrockruntime.model.Tool;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

/**
 * Converse's cachePoint blocks through the SDK: the first request writes the prompt up to its last checkpoint to the
 * region's cache, a later one with the same prefix reads it, and inputTokens leaves both out, as Bedrock counts.
 */
class ConversePromptCacheTest {
    private static final CachePointBlock CACHE_POINT = CachePointBlock.builder().type(CachePointType.DEFAULT).build();
    private static final String LLAMA = "meta.llama3-3-70b-instruct-v1:0";
    private static final String NOVA = "amazon.nova-lite-v1:0";
    private static BedrockEmulator emulator;
    private static BedrockRuntimeClient client;
    private static BedrockRuntimeAsyncClient asyncClient;

    @BeforeAll
    static void start() {
        emulator = BedrockEmulator.start(0);
        client = SdkClients.sync(emulator, "us-east-1");
        asyncClient = SdkClients.async(emulator, "us-east-1");
    }

    @AfterAll
    static void stop() {
        client.close();
        asyncClient.close();
        emulator.close();
    }

    /** A system prompt of about this many tokens, unique to the test that asks for it. */
    private static String longText(String salt, int words) {
        StringBuilder text = new StringBuilder(salt);
        for (int i = 0; i < words; i++) {
            text.append(" policy");
        }
        return text.toString();
    }

    private static ConverseRequest cachedSystem(String system, String question) {
        return ConverseRequest.builder().modelId(SdkClients.CLAUDE)
                .system(SystemContentBlock.fromText(system), SystemContentBlock.fromCachePoint(CACHE_POINT))
                .messages(user(question)).inferenceConfig(c -> c.maxTokens(200)).build();
    }

    private static int promptTokens(ConverseRequest request) {
        return client.countTokens(r -> r.modelId(request.modelId()).input(CountTokensInput.fromConverse(c -> c
                .system(request.system()).messages(request.messages()).toolConfig(request.toolConfig()))))
                .inputTokens();
    }

    @Test
    void theFirstRequestWritesThePrefixAndTheNextReadsIt() {
        String system = longText("first-write", 800);
        ConverseRequest request = cachedSystem(system, "What is the policy?");
        int prompt = promptTokens(request);

        TokenUsage first = client.converse(request).usage();
        TokenUsage second = client.converse(request).usage();

        int prefix = EmulatorTokenizer.count(system);
        assertThat(prefix).isGreaterThan(1024);
        assertThat(first.cacheWriteInputTokens()).isEqualTo(prefix);
        assertThat(first.cacheReadInputTokens()).isZero();
        assertThat(first.inputTokens()).isEqualTo(prompt - prefix);
        assertThat(second.cacheReadInputTokens()).isEqualTo(prefix);
        assertThat(second.cacheWriteInputTokens()).isZero();
        assertThat(second.inputTokens()).isEqualTo(prompt - prefix);
        assertThat(second.totalTokens()).isEqualTo(prompt + second.outputTokens());
    }

    @Test
    void anotherSystemPromptIsAnotherPrefix() {
        client.converse(cachedSystem(longText("one", 800), "Hello?"));

        TokenUsage other = client.converse(cachedSystem(longText("two", 800), "Hello?")).usage();

        assertThat(other.cacheReadInputTokens()).isZero();
        assertThat(other.cacheWriteInputTokens()).isEqualTo(EmulatorTokenizer.count(longText("two", 800)));
    }

    @Test
    void aPrefixBelowTheModelsMinimumIsNotCached() {
        ConverseRequest request = cachedSystem(longText("short", 100), "Hello?");
        client.converse(request);

        TokenUsage usage = client.converse(request).usage();

        assertThat(usage.cacheReadInputTokens()).isNull();
        assertThat(usage.cacheWriteInputTokens()).isNull();
        assertThat(usage.inputTokens()).isEqualTo(promptTokens(request));
    }

    @Test
    void theLongestCachedPrefixIsReadAndTheRestUpToTheLastCheckpointWritten() {
        Tool bigTool = tool("lookup", longText("tools", 800), ToolRequests.WEATHER_SCHEMA);
        List<Tool> tools = List.of(bigTool, Tool.fromCachePoint(CACHE_POINT));
        ConverseRequest.Builder request = ConverseRequest.builder().modelId(SdkClients.CLAUDE)
                .toolConfig(t -> t.tools(tools).toolChoice(auto())).messages(user("Hello?"))
                .inferenceConfig(c -> c.maxTokens(200));
        client.converse(request.system(SystemContentBlock.fromText(longText("system-a", 800)),
                SystemContentBlock.fromCachePoint(CACHE_POINT)).build());

        String otherSystem = longText("system-b", 800);
        TokenUsage usage = client.converse(request.system(SystemContentBlock.fromText(otherSystem),
                SystemContentBlock.fromCachePoint(CACHE_POINT)).build()).usage();

        int toolTokens = ToolRequests.definitionTokens("lookup", longText("tools", 800), ToolRequests.WEATHER_SCHEMA);
        assertThat(usage.cacheReadInputTokens()).isEqualTo(toolTokens);
        assertThat(usage.cacheWriteInputTokens()).isEqualTo(EmulatorTokenizer.count(otherSystem));
    }

    @Test
    void aCheckpointInTheMessagesCachesTheTurnsBeforeIt() {
        String document = longText("messages", 800);
        Message cached = Message.builder().role("user").content(ContentBlock.fromText(document),
                ContentBlock.fromCachePoint(CACHE_POINT), ContentBlock.fromText("Summarise it.")).build();
        ConverseRequest request = ConverseRequest.builder().modelId(SdkClients.CLAUDE).messages(cached)
                .inferenceConfig(c -> c.maxTokens(200)).build();
        client.converse(request);

        TokenUsage usage = client.converse(request).usage();

        assertThat(usage.cacheReadInputTokens()).isEqualTo(EmulatorTokenizer.count(document));
        assertThat(usage.inputTokens()).isEqualTo(promptTokens(request) - EmulatorTokenizer.count(document));
    }

    @Test
    void converseStreamReportsTheCacheTokensInItsMetadata() throws Exception {
        String system = longText("streamed", 800);
        ConverseRequest request = cachedSystem(system, "What is the policy?");
        List<TokenUsage> usages = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            AtomicReference<TokenUsage> usage = new AtomicReference<>();
            ConverseStreamResponseHandler handler = ConverseStreamResponseHandler.builder()
                    .subscriber(ConverseStreamResponseHandler.Visitor.builder()
                            .onMetadata(e -> usage.set(e.usage())).build())
                    .build();
            asyncClient.converseStream(ConverseStreamRequest.builder().modelId(request.modelId())
                    .system(request.system()).messages(request.messages())
                    .inferenceConfig(request.inferenceConfig()).build(), handler).get(10, TimeUnit.SECONDS);
            usages.add(usage.get());
        }

        int prefix = EmulatorTokenizer.count(system);
        assertThat(usages.get(0).cacheWriteInputTokens()).isEqualTo(prefix);
        assertThat(usages.get(1).cacheReadInputTokens()).isEqualTo(prefix);
        assertThat(usages.get(1).inputTokens()).isEqualTo(promptTokens(request) - prefix);
    }

    @Test
    void moreThanFourCheckpointsAreRefused() {
        List<SystemContentBlock> system = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            system.add(SystemContentBlock.fromText("Part " + i));
            system.add(SystemContentBlock.fromCachePoint(CACHE_POINT));
        }

        assertThatThrownBy(() -> client.converse(r -> r.modelId(SdkClients.CLAUDE).system(system)
                .messages(user("Hello?"))))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("A maximum of 4 blocks with cache_control may be provided. Found 5."));
    }

    @Test
    void aModelWithoutPromptCachingRefusesACheckpoint() {
        assertThatThrownBy(() -> client.converse(r -> r.modelId(LLAMA).system(SystemContentBlock.fromText("Be brief."),
                SystemContentBlock.fromCachePoint(CACHE_POINT)).messages(user("Hello?"))))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo(ConverseCachePoints.UNSUPPORTED));
    }

    @Test
    void novaCachesItsSystemPromptButNotItsTools() {
        ConverseRequest system = ConverseRequest.builder().modelId(NOVA)
                .system(SystemContentBlock.fromText(longText("nova", 800)),
                        SystemContentBlock.fromCachePoint(CACHE_POINT))
                .messages(user("Hello?")).build();
        client.converse(system);
        assertThat(client.converse(system).usage().cacheReadInputTokens())
                .isEqualTo(EmulatorTokenizer.count(longText("nova", 800)));

        assertThatThrownBy(() -> client.converse(r -> r.modelId(NOVA).messages(user("Hello?"))
                .toolConfig(t -> t.tools(ToolRequests.weatherTool(), Tool.fromCachePoint(CACHE_POINT)))))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo(ConverseCachePoints.UNSUPPORTED));
    }
}
