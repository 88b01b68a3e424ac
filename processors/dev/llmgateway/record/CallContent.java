package dev.llmgateway.record;

import dev.llmgateway.chat.ChatMessage;
import java.util.List;

/**
 * What was said in a call, for listeners that log it. Raw: the prompt may hold personal data (redact before
 * writing it anywhere).
 *
 * @param prompt the messages as sent upstream (after the guards), empty when the request was not read
 * @param answer the answer's text, or null when there was none
 */
public record CallContent(List<ChatMessage> prompt, String answer) {

    public static final CallContent NONE = new CallContent(List.of(), null);

    public CallContent {
        prompt = prompt == null ? List.of() : List.copyOf(prompt);
    }
}
