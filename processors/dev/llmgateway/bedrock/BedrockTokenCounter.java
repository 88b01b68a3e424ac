package dev.llmgateway.bedrock;

import dev.llmgateway.chat.ChatRequest;
import dev.llmgateway.chat.ModelSpec;
import dev.llmgateway.guard.tokens.ExactTokenCounter;
import java.util.function.Function;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseTokensRequest;
import software.amazon.awssdk.services.bedrockruntime.model.CountTokensInput;

/** Bedrock's CountTokens for the prompt as it would be sent: the count the model bills. */
public class BedrockTokenCounter implements ExactTokenCounter {

    private final Function<String, BedrockRuntimeClient> clientForRegion;

    public BedrockTokenCounter(Function<String, BedrockRuntimeClient> clientForRegion) {
        this.clientForRegion = clientForRegion;
    }

    @Override
    public int countTokens(ChatRequest request, ModelSpec model) {
        ModelSpec.RegionTarget target = model.targets().get(0);
        ConverseRequest converse = ConverseRequestBuilder.build(request, model, target.modelId());
        return clientForRegion.apply(target.region()).countTokens(count -> count
                .modelId(target.modelId())
                .input(CountTokensInput.fromConverse(ConverseTokensRequest.builder()
                        .messages(converse.messages())
                        .system(converse.system())
                        .toolConfig(converse.toolConfig())
                        .build())))
                .inputTokens();
    }
}
