package dev.llmgateway.guard.injection;

/** What the guard does with a request it judges to be an injection, from the least to the most strict. */
public enum InjectionPolicy {
    /** Let it through, with a response header, a log line and a counter. */
    FLAG,
    /** Neutralize the markers, normalize Unicode and spotlight the user's content as data, then let it through. */
    SANITIZE,
    /** Refuse it with a 400 and a reason code. */
    BLOCK
}
