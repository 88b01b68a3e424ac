package dev.llmgateway.bedrock;

import dev.llmgateway.chat.ChatMessage;
import dev.llmgateway.chat.ChatRequest;
import dev.llmgateway.chat.ContentBlock;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.chat.ToolSpec;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.bedrockruntime.model.CachePointBlock;
import software.amazon.awssdk.services.bedrockruntime.model.CachePointType;
import software.amazon.awssdk.services.bedrockruntime.model.CacheTTL;

/**
 * A request's prompt-cache breakpoints as Bedrock's cachePoint blocks, and the rules Bedrock and Anthropic set on
 * them: at most four a request, and a one-hour breakpoint never after a five-minute one (the cache is read in prompt
 * order: tools, system, turns). Whether the model caches at all is the capability check's to say.
 */
public final class CachePoints {

    /** Bedrock's (and Anthropic's) limit of breakpoints in one request. */
    static final int MAX_PER_REQUEST = 4;

    private CachePoints() {
    }

    /** Refuses (400) more breakpoints than Bedrock takes, or a one-hour one after a five-minute one. */
    static void check(ChatRequest request) {
        List<ContentBlock.CachePoint> points = inPromptOrder(request);
        if (points.size() > MAX_PER_REQUEST) {
            throw GatewayException.invalidRequest("invalid_value", "The request has " + points.size()
                    + " cache_control breakpoints; Bedrock takes at most " + MAX_PER_REQUEST + ".");
        }
        boolean shortSeen = false;
        for (ContentBlock.CachePoint point : points) {
            boolean oneHour = "1h".equals(point.ttl());
            if (oneHour && shortSeen) {
                throw GatewayException.invalidRequest("invalid_value", "A cache_control with ttl \"1h\" comes after "
                        + "one of \"5m\"; longer-lived breakpoints must come first (tools, then system, then "
                        + "messages).");
            }
            shortSeen |= !oneHour;
        }
    }

    /** @return the breakpoints of the tools, the system prompt and the turns, in that order */
    private static List<ContentBlock.CachePoint> inPromptOrder(ChatRequest request) {
        List<ContentBlock.CachePoint> points = new ArrayList<>();
        for (ToolSpec tool : request.tools()) {
            if (tool.cachePoint() != null) {
                points.add(tool.cachePoint());
            }
        }
        List<ChatMessage> messages = new ArrayList<>(request.systemMessages());
        messages.addAll(request.conversation());
        for (ChatMessage message : messages) {
            for (ContentBlock block : message.blocks()) {
                if (block instanceof ContentBlock.CachePoint point) {
                    points.add(point);
                }
            }
        }
        return points;
    }

    /** @return Bedrock's cachePoint for the breakpoint */
    static CachePointBlock of(ContentBlock.CachePoint point) {
        return CachePointBlock.builder().type(CachePointType.DEFAULT)
                .ttl(point.ttl() == null ? null : CacheTTL.fromValue(point.ttl())).build();
    }
}
