package dev.llmgateway.guard.tokens;

import dev.llmgateway.chat.ChatRequest;
import dev.llmgateway.chat.GatewayCall;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.chat.ModelSpec;
import dev.llmgateway.chat.PromptTokenCount;
import dev.llmgateway.guard.GuardDecisionListener;
import java.util.Locale;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the prompt before it goes upstream, refuses prompts over the model's context window or the team's
 * prompt limit, and clamps max_tokens to what is left. Puts a {@link PromptTokenCount} on the call.
 */
public class TokenLimitProcessor implements Processor {

    /** Response header telling the caller that max_tokens was lowered, and why. */
    public static final String MAX_TOKENS_CLAMPED_HEADER = "x-llmgateway-max-tokens-clamped";

    private static final Logger LOG = LoggerFactory.getLogger(TokenLimitProcessor.class);

    private final TokenLimitSettings settings;
    /** The team limits in force now: they change when a team is changed at run time. */
    private final Supplier<TokenLimitSettings> teamLimits;
    private final TokenEstimator estimator;
    private final ExactTokenCounter exactCounter;
    private final GuardDecisionListener listener;

    public TokenLimitProcessor(TokenLimitSettings settings) {
        this(settings, null);
    }

    /** @param exactCounter asked when the estimate nears a limit; null to rely on the estimate alone */
    public TokenLimitProcessor(TokenLimitSettings settings, ExactTokenCounter exactCounter) {
        this(settings, exactCounter, GuardDecisionListener.NONE);
    }

    public TokenLimitProcessor(TokenLimitSettings settings, ExactTokenCounter exactCounter,
                               GuardDecisionListener listener) {
        this(settings, () -> settings, exactCounter, listener);
    }

    /** @param teamLimits the settings whose team limits are in force at the moment of each call */
    public TokenLimitProcessor(TokenLimitSettings settings, Supplier<TokenLimitSettings> teamLimits,
                               ExactTokenCounter exactCounter, GuardDecisionListener listener) {
        this.settings = settings;
        this.teamLimits = teamLimits;
        this.estimator = new TokenEstimator(settings.margins());
        this.exactCounter = exactCounter;
        this.listener = listener;
    }

    @Override
    public void process(Exchange exchange) {
        GatewayCall call = GatewayCall.of(exchange);
        ChatRequest request = call.request();
        ModelSpec model = call.model();
        String team = call.team();
        if (request.maxTokens() != null && request.maxTokens() < 1) {
            throw GatewayException.invalidRequest("invalid_max_tokens",
                    "max_tokens is " + request.maxTokens() + "; it must be at least 1. Send a positive max_tokens or leave it out.");
        }

        int rawTokens = TokenEstimator.rawCount(request);
        int promptTokens = estimator.estimate(rawTokens, request.messages().size(), model.family());
        Integer teamPromptLimit = teamLimits.get().maxPromptTokens(team);
        int contextPromptLimit = model.contextWindow() - 1;
        int tightestLimit = teamPromptLimit == null ? contextPromptLimit : Math.min(teamPromptLimit, contextPromptLimit);
        boolean exact = false;
        if (exactCounter != null && promptTokens >= settings.exactCountFraction() * tightestLimit) {
            Integer counted = countExactly(request, model);
            if (counted != null) {
                promptTokens = counted;
                exact = true;
            }
        }

        String qualifier = exact ? "" : " (estimated)";
        if (teamPromptLimit != null && promptTokens > teamPromptLimit && teamPromptLimit <= contextPromptLimit) {
            listener.tokenLimit(team, "refused", "prompt_too_long");
            throw GatewayException.invalidRequest("prompt_too_long",
                    "The prompt is " + format(promptTokens) + " tokens" + qualifier + "; the limit for team " + team + " is "
                            + format(teamPromptLimit) + ". Shorten the messages or the conversation history, "
                            + "or ask the gateway operators to raise the team's limit.");
        }
        if (promptTokens > contextPromptLimit) {
            listener.tokenLimit(team, "refused", "context_length_exceeded");
            throw GatewayException.invalidRequest("context_length_exceeded",
                    "The prompt is " + format(promptTokens) + " tokens" + qualifier + "; model " + model.alias()
                            + " has a context window of " + format(model.contextWindow())
                            + " tokens for prompt and answer together. Shorten the messages or the conversation history.");
        }

        int granted = grantOutput(call, request, model, team, promptTokens);
        ChatRequest granting = request.withMaxTokens(granted);
        call.setRequest(request.reasoning() == null ? granting
                : granting.toBuilder().reasoning(request.reasoning().within(granted)).build());
        call.setPromptTokens(new PromptTokenCount(promptTokens, rawTokens, exact, model.family(), granted));
    }

    private int grantOutput(GatewayCall call, ChatRequest request, ModelSpec model, String team, int promptTokens) {
        int asked = request.maxTokens() != null ? request.maxTokens() : model.maxOutputTokens();
        int granted = asked;
        String reason = null;
        if (model.maxOutputTokens() > 0 && model.maxOutputTokens() < granted) {
            granted = model.maxOutputTokens();
            reason = "model_max_output";
        }
        Integer teamOutputLimit = teamLimits.get().maxOutputTokens(team);
        if (teamOutputLimit != null && teamOutputLimit < granted) {
            granted = teamOutputLimit;
            reason = "team_limit";
        }
        int leftInContext = model.contextWindow() - promptTokens;
        if (leftInContext < granted) {
            granted = leftInContext;
            reason = "context_window";
        }
        if (reason != null) {
            listener.tokenLimit(team, "clamped", reason);
            call.addResponseHeader(MAX_TOKENS_CLAMPED_HEADER,
                    "requested=" + asked + "; granted=" + granted + "; reason=" + reason);
        }
        return granted;
    }

    private Integer countExactly(ChatRequest request, ModelSpec model) {
        try {
            int counted = exactCounter.countTokens(request, model);
            if (counted < 0) {
                throw new IllegalStateException("negative count " + counted);
            }
            return counted;
        } catch (RuntimeException e) {
            // The estimate errs high, so falling back to it can only refuse too early, never let too much through.
            LOG.warn("Exact token count for model {} failed, using the estimate: {}", model.alias(), e.toString());
            return null;
        }
    }

    private static String format(int tokens) {
        return String.format(Locale.ROOT, "%,d", tokens);
    }
}
