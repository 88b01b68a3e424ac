package dev.llmgateway.guard;

import dev.llmgateway.chat.Caller;
import dev.llmgateway.chat.ChatMessage;
import dev.llmgateway.chat.ChatRequest;
import dev.llmgateway.chat.ChatRole;
import dev.llmgateway.chat.GatewayCall;
import dev.llmgateway.chat.ModelSpec;
import java.util.List;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;

/** Builds exchanges as the gateway hands them to the guard processors. */
public final class GuardExchanges {

    public static final ModelSpec CLAUDE = new ModelSpec("claude-test", "claude", 1_000, 300, Set.of(),
            List.of(new ModelSpec.RegionTarget("eu-west-1", "anthropic.claude-test")));

    private static final CamelContext CONTEXT = new DefaultCamelContext();

    private GuardExchanges() {
    }

    public static ChatRequest request(Integer maxTokens, ChatMessage... messages) {
        return ChatRequest.builder("claude-test", List.of(messages)).maxTokens(maxTokens).build();
    }

    public static ChatRequest userRequest(String... userTexts) {
        List<ChatMessage> messages = java.util.Arrays.stream(userTexts).map(t -> new ChatMessage(ChatRole.USER, t)).toList();
        return ChatRequest.builder("claude-test", messages).build();
    }

    public static Exchange exchange(ChatRequest request, ModelSpec model, String team) {
        Exchange exchange = new DefaultExchange(CONTEXT);
        GatewayCall call = GatewayCall.start(exchange, "req-0001");
        call.identify(Caller.of(team == null ? "default" : team, null, "default"));
        call.setRequest(request);
        call.setModel(model);
        return exchange;
    }
}
