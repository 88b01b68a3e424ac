package dev.llmgateway.chat;

/** One turn of a conversation: its role and its text. */
public record ChatMessage(ChatRole role, String content) {

    public ChatMessage withContent(String newContent) {
        return new ChatMessage(role, newContent);
    }
}
