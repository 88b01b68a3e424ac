package dev.llmgateway.chat;

/**
 * What an upstream answer used and where, for the cost ledger and the settlement of reservations: a chat answer or a
 * call's embeddings.
 */
public interface UpstreamUsage {

    /** @return the tokens billed, or null when the upstream reported none */
    Usage usage();

    /** @return the region that answered */
    String region();

    /** @return the Bedrock model id or inference profile called there */
    String modelId();
}
