package dev.llmgateway.kamelet;

/** What a Kamelet step leaves in the message body. */
public enum BodyOutput {
    /** The body as it came. */
    UNCHANGED,
    /** The prompt as the step left it (redacted, sanitized), when the body was the prompt. */
    PROMPT,
    /** The answer's text, when there is an answer (a cache miss leaves the body as it came). */
    ANSWER
}
