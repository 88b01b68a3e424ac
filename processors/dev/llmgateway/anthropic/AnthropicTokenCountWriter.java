package dev.llmgateway.anthropic;

import dev.llmgateway.chat.ChatRequest;
import dev.llmgateway.chat.GatewayCall;
import dev.llmgateway.chat.ModelSpec;
import dev.llmgateway.guard.tokens.ExactTokenCounter;
import dev.llmgateway.guard.tokens.TokenEstimator;
import dev.llmgateway.http.JsonResponses;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers POST /v1/messages/count_tokens: the prompt's input tokens as Bedrock's CountTokens counts them for the
 * model's first region, or the gateway's estimate when Bedrock cannot count (header {@value #SOURCE_HEADER}
 * says which).
 */
public class AnthropicTokenCountWriter implements Processor {

    /** Response header: {@code bedrock} for Bedrock's count, {@code estimate} for the gateway's. */
    public static final String SOURCE_HEADER = "x-llmgateway-token-count";
    private static final Logger LOG = LoggerFactory.getLogger(AnthropicTokenCountWriter.class);

    private final ExactTokenCounter counter;
    private final TokenEstimator estimator;

    public AnthropicTokenCountWriter(ExactTokenCounter counter, TokenEstimator estimator) {
        this.counter = counter;
        this.estimator = estimator;
    }

    @Override
    public void process(Exchange exchange) {
        GatewayCall call = GatewayCall.of(exchange);
        ChatRequest request = call.request();
        ModelSpec model = call.model();
        int tokens;
        String source;
        try {
            tokens = counter.countTokens(request, model);
            source = "bedrock";
        } catch (RuntimeException e) {
            LOG.warn("Request {}: Bedrock could not count the tokens of model {}, answering the estimate: {}",
                    call.requestId(), model.alias(), e.toString());
            tokens = estimator.estimate(request, model.family());
            source = "estimate";
        }
        JsonResponses.write(exchange, 200, Map.of("input_tokens", tokens), Map.of(SOURCE_HEADER, source));
    }
}
