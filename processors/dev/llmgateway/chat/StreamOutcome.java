package dev.llmgateway.chat;

/** How a streamed answer ended. */
public enum StreamOutcome {
    COMPLETED,
    UPSTREAM_ERROR,
    CLIENT_DISCONNECTED;

    /** The outcome as the call record and the logs spell it. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
