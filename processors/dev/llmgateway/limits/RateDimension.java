package dev.llmgateway.limits;

/** What a per-minute rate limit counts. */
public enum RateDimension {
    REQUESTS("requests"),
    TOKENS("tokens");

    private final String word;

    RateDimension(String word) {
        this.word = word;
    }

    /** @return the plural noun, as in the x-ratelimit-*-requests and x-ratelimit-*-tokens headers */
    public String word() {
        return word;
    }
}
