package dev.llmgateway.cache;

import dev.llmgateway.chat.ChatMessage;
import dev.llmgateway.chat.ChatRequest;
import dev.llmgateway.chat.ChatRole;
import dev.llmgateway.chat.ModelSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Chat requests for the cache's tests. */
final class CacheRequests {

    static final ModelSpec MODEL = new ModelSpec("claude-3-haiku", "claude", 200_000, 4096, Set.of(),
            List.of(new ModelSpec.RegionTarget("us-east-1", "anthropic.claude-3-haiku-20240307-v1:0")));

    private CacheRequests() {
    }

    /** A conversation of alternating turns, user first. */
    static ChatRequest conversation(String... turns) {
        List<ChatMessage> messages = new ArrayList<>();
        for (int i = 0; i < turns.length; i++) {
            messages.add(new ChatMessage(i % 2 == 0 ? ChatRole.USER : ChatRole.ASSISTANT, turns[i]));
        }
        return ChatRequest.builder("claude-3-haiku", messages).maxTokens(200).temperature(0.0).build();
    }

    static ChatRequest question(String text) {
        return conversation(text);
    }
}
