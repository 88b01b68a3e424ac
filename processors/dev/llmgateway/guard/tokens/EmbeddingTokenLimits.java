package dev.llmgateway.guard.tokens;

import dev.llmgateway.chat.EmbeddingRequest;
import dev.llmgateway.chat.GatewayCall;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.chat.ModelSpec;
import dev.llmgateway.chat.PromptTokenCount;
import dev.llmgateway.embed.EmbeddingModel;
import dev.llmgateway.guard.GuardDecisionListener;
import java.util.List;
import java.util.Locale;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Counts an embeddings request's tokens before anything is sent: each text against the model's limit per text (its
 * {@code contextWindow}) and Bedrock's character limit, all texts together against the team's prompt limit. A text
 * over a limit is refused with its index, its count and the limit; nothing is ever cut. The count is the estimate
 * (Bedrock cannot count an embedding model's tokens ahead), which errs high.
 */
public class EmbeddingTokenLimits implements Processor {

    private final TokenLimitSettings settings;
    private final TokenEstimator estimator;
    private final GuardDecisionListener listener;

    public EmbeddingTokenLimits(TokenLimitSettings settings, GuardDecisionListener listener) {
        this.settings = settings;
        this.estimator = new TokenEstimator(settings.margins());
        this.listener = listener;
    }

    @Override
    public void process(Exchange exchange) {
        GatewayCall call = GatewayCall.of(exchange);
        EmbeddingRequest request = call.embeddingRequest();
        ModelSpec model = call.model();
        EmbeddingModel kind = EmbeddingModel.of(model.family());
        List<String> texts = request.texts();
        for (int i = 0; i < texts.size(); i++) {
            int characters = texts.get(i).length();
            if (characters > kind.maxCharacters()) {
                throw tooLong(call, "input[" + i + "] is " + format(characters) + " characters; model "
                        + model.alias() + " takes at most " + format(kind.maxCharacters()) + " per text.");
            }
        }
        long total = 0;
        long raw = 0;
        for (int i = 0; i < texts.size(); i++) {
            int rawTokens = TokenEstimator.rawCount(texts.get(i));
            int tokens = estimator.estimate(rawTokens, 0, model.family());
            if (tokens > model.contextWindow()) {
                throw tooLong(call, "input[" + i + "] is " + format(tokens) + " tokens (estimated); model "
                        + model.alias() + " takes at most " + format(model.contextWindow()) + " per text.");
            }
            total += tokens;
            raw += rawTokens;
        }
        Integer teamLimit = settings.maxPromptTokens(call.team());
        if (teamLimit != null && total > teamLimit) {
            listener.tokenLimit(call.team(), "refused", "prompt_too_long");
            throw GatewayException.invalidRequest("prompt_too_long", "The input is " + format(total)
                    + " tokens (estimated); the limit for team " + call.team() + " is " + format(teamLimit)
                    + ". Send fewer texts per request, or ask the gateway operators to raise the team's limit.");
        }
        call.setPromptTokens(new PromptTokenCount(saturated(total), saturated(raw), false, model.family(), 0));
    }

    private GatewayException tooLong(GatewayCall call, String what) {
        listener.tokenLimit(call.team(), "refused", "text_too_long");
        return GatewayException.invalidRequest("text_too_long", what + " Split or shorten that text; the gateway "
                + "never cuts one.");
    }

    private static int saturated(long tokens) {
        return (int) Math.min(Integer.MAX_VALUE, tokens);
    }

    private static String format(long amount) {
        return String.format(Locale.ROOT, "%,d", amount);
    }
}
