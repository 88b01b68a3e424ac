package dev.llmgateway.config;

/** Where model calls go. */
public enum UpstreamMode {
    /** Real Bedrock when AWS credentials are found, else the built-in emulator. */
    AUTO,
    /** Real Bedrock through the default AWS credential chain. */
    BEDROCK,
    /** The Bedrock emulator: the built-in one, or the one at {@code upstream.endpoint}. */
    EMULATOR
}
