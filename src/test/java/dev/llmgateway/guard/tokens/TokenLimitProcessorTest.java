package dev.llmgateway.guard.tokens;

import static dev.llmgateway.guard.GuardExchanges.CLAUDE;
import static dev.llmgateway.guard.GuardExchanges.exchange;
import static dev.llmgateway.guard.GuardExchanges.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.chat.ChatMessage;
import dev.llmgateway.chat.ChatRequest;
import dev.llmgateway.chat.ChatRole;
import dev.llmgateway.chat.GatewayCall;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.chat.ModelSpec;
import dev.llmgateway.chat.PromptTokenCount;
import dev.llmgateway.chat.ReasoningConfig;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

class TokenLimitProcessorTest {

    private static final ChatMessage SHORT = new ChatMessage(ChatRole.USER, "What is the capital of France?");

    private static ChatMessage words(int count) {
        return new ChatMessage(ChatRole.USER, " apple".repeat(count));
    }

    private static TokenLimitSettings teamLimits(String team, Integer prompt, Integer output) {
        return new TokenLimitSettings(null, null, null, Map.of(team, new TeamTokenLimits(prompt, output)), null);
    }

    @Test
    void countsThePromptAndGrantsTheAskedOutput() {
        Exchange exchange = exchange(request(100, SHORT), CLAUDE, "analytics");
        new TokenLimitProcessor(TokenLimitSettings.defaults()).process(exchange);

        PromptTokenCount count = GatewayCall.of(exchange).promptTokensOrNull();
        int raw = TokenEstimator.rawCount(SHORT.content());
        assertThat(count.rawTokens()).isEqualTo(raw);
        assertThat(count.promptTokens()).isEqualTo((int) Math.ceil(raw * 1.3) + 7 + 10);
        assertThat(count.exact()).isFalse();
        assertThat(count.maxOutputTokens()).isEqualTo(100);
        assertThat(count.reservedTokens()).isEqualTo(count.promptTokens() + 100);
        assertThat(GatewayCall.of(exchange).responseHeaders()).isEmpty();
    }

    @Test
    void refusesAPromptOverTheTeamLimitNamingBothNumbers() {
        Exchange exchange = exchange(request(null, words(200)), CLAUDE, "analytics");
        TokenLimitProcessor processor = new TokenLimitProcessor(teamLimits("analytics", 150, null));

        assertThatThrownBy(() -> processor.process(exchange))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("prompt_too_long");
                    assertThat(e.getMessage()).contains("The prompt is 277 tokens (estimated); the limit for team analytics is 150")
                            .contains("Shorten");
                });
    }

    @Test
    void teamsWithoutOverrideUseTheGatewayWideLimitAndNoTeamMeansDefault() {
        TokenLimitSettings settings = new TokenLimitSettings(null, 150, null, Map.of("big", new TeamTokenLimits(900, null)), null);
        TokenLimitProcessor processor = new TokenLimitProcessor(settings);

        assertThatThrownBy(() -> processor.process(exchange(request(null, words(200)), CLAUDE, null)))
                .hasMessageContaining("limit for team default is 150");
        processor.process(exchange(request(null, words(200)), CLAUDE, "big"));
    }

    @Test
    void refusesAPromptOverTheContextWindowWithThousandsSeparators() {
        ModelSpec big = new ModelSpec("claude-big", "claude", 2_000, 300, Set.of(), CLAUDE.targets());
        Exchange exchange = exchange(request(null, words(1_600)), big, null);

        assertThatThrownBy(() -> new TokenLimitProcessor(TokenLimitSettings.defaults()).process(exchange))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.code()).isEqualTo("context_length_exceeded");
                    assertThat(e.getMessage()).contains("The prompt is 2,097 tokens (estimated); model claude-big has a context window of 2,000 tokens");
                });
    }

    @Test
    void clampsMaxTokensToWhatIsLeftOfTheContextWindowAndSaysSo() {
        Exchange exchange = exchange(request(300, words(600)), CLAUDE, null);
        new TokenLimitProcessor(TokenLimitSettings.defaults()).process(exchange);

        int prompt = GatewayCall.of(exchange).promptTokensOrNull().promptTokens();
        int left = CLAUDE.contextWindow() - prompt;
        assertThat(GatewayCall.of(exchange).requestOrNull().maxTokens()).isEqualTo(left);
        assertThat(GatewayCall.of(exchange).responseHeaders())
                .containsEntry(TokenLimitProcessor.MAX_TOKENS_CLAMPED_HEADER, "requested=300; granted=" + left + "; reason=context_window");
    }

    @Test
    void clampsMaxTokensToTheTeamOutputLimitAndFillsInTheDefault() {
        Exchange exchange = exchange(request(null, SHORT), CLAUDE, "chatty");
        new TokenLimitProcessor(teamLimits("chatty", null, 50)).process(exchange);

        assertThat(GatewayCall.of(exchange).requestOrNull().maxTokens()).isEqualTo(50);
        assertThat(GatewayCall.of(exchange).responseHeaders())
                .containsEntry(TokenLimitProcessor.MAX_TOKENS_CLAMPED_HEADER, "requested=300; granted=50; reason=team_limit");
    }

    @Test
    void clampsMaxTokensToTheModelsOutputLimit() {
        Exchange exchange = exchange(request(5_000, SHORT), CLAUDE, null);
        new TokenLimitProcessor(TokenLimitSettings.defaults()).process(exchange);

        assertThat(GatewayCall.of(exchange).requestOrNull().maxTokens()).isEqualTo(300);
        assertThat(GatewayCall.of(exchange).responseHeaders().get(TokenLimitProcessor.MAX_TOKENS_CLAMPED_HEADER))
                .isEqualTo("requested=5000; granted=300; reason=model_max_output");
    }

    @Test
    void lowersTheReasoningBudgetBelowAClampedMaxTokensOrRefusesWhenTooLittleIsLeft() {
        ModelSpec thinker = new ModelSpec("claude-thinker", "claude", 200_000, 64_000, Set.of(), CLAUDE.targets());
        ChatRequest asked = request(8_000, SHORT).toBuilder().reasoning(new ReasoningConfig(4_096)).build();
        Exchange exchange = exchange(asked, thinker, "frugal");
        new TokenLimitProcessor(teamLimits("frugal", null, 2_000)).process(exchange);

        ChatRequest granted = GatewayCall.of(exchange).requestOrNull();
        assertThat(granted.maxTokens()).isEqualTo(2_000);
        assertThat(granted.reasoning().budgetTokens()).isEqualTo(1_999);

        Exchange tooTight = exchange(asked, thinker, "frugal");
        assertThatThrownBy(() -> new TokenLimitProcessor(teamLimits("frugal", null, 1_000)).process(tooTight))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.getMessage())
                        .contains("Reasoning needs an output limit above its budget of at least 1024 tokens, but the "
                                + "answer may have only 1000 tokens"));
    }

    @Test
    void refusesANonPositiveMaxTokens() {
        Exchange exchange = exchange(request(0, SHORT), CLAUDE, null);
        assertThatThrownBy(() -> new TokenLimitProcessor(TokenLimitSettings.defaults()).process(exchange))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.code()).isEqualTo("invalid_max_tokens"));
    }

    @Test
    void asksTheExactCounterOnlyNearALimitAndTrustsItsFigure() {
        AtomicInteger calls = new AtomicInteger();
        ExactTokenCounter counter = (request, model) -> {
            calls.incrementAndGet();
            return TokenEstimator.rawCount(request);
        };
        TokenLimitProcessor processor = new TokenLimitProcessor(teamLimits("analytics", 250, null), counter);

        processor.process(exchange(request(null, SHORT), CLAUDE, "analytics"));
        assertThat(calls).hasValue(0);

        // 200 words estimate to 277 tokens, over the limit of 250, but the exact count of 200 is within it.
        Exchange nearLimit = exchange(request(null, words(200)), CLAUDE, "analytics");
        processor.process(nearLimit);
        assertThat(calls).hasValue(1);
        PromptTokenCount count = GatewayCall.of(nearLimit).promptTokensOrNull();
        assertThat(count.exact()).isTrue();
        assertThat(count.promptTokens()).isEqualTo(200);
    }

    @Test
    void anExactCountOverTheLimitIsRefusedWithoutTheEstimatedQualifier() {
        TokenLimitProcessor processor = new TokenLimitProcessor(teamLimits("analytics", 250, null), (request, model) -> 260);
        assertThatThrownBy(() -> processor.process(exchange(request(null, words(200)), CLAUDE, "analytics")))
                .hasMessageContaining("The prompt is 260 tokens; the limit for team analytics is 250");
    }

    @Test
    void fallsBackToTheEstimateWhenTheExactCounterFails() {
        ExactTokenCounter failing = (request, model) -> {
            throw new IllegalStateException("CountTokens unavailable");
        };
        TokenLimitProcessor processor = new TokenLimitProcessor(teamLimits("analytics", 250, null), failing);

        assertThatThrownBy(() -> processor.process(exchange(request(null, words(200)), CLAUDE, "analytics")))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.code()).isEqualTo("prompt_too_long"));
    }

    @Test
    void aMissingRequestIsAGatewayFaultNotAClientError() {
        Exchange exchange = exchange(request(null, SHORT), CLAUDE, null);
        GatewayCall.of(exchange).setRequest(null);
        assertThatThrownBy(() -> new TokenLimitProcessor(TokenLimitSettings.defaults()).process(exchange))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.status()).isEqualTo(500));
    }
}
