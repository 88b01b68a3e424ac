package dev.llmgateway.guard.injection;

/** What the guard does with a request it judges to be an injection, from the least to the most strict. */
public enum InjectionPolicy {
    /** Let it through, with a response header, a log line and a counter. */
    FLAG,
    /** Neutralize the markers, normalize Unicode and spotlight the content as data, then let it through. */
    SANITIZE,
    /** Refuse it with a 400 and a reason code. */
    BLOCK;

    /** @return the stricter of this and the other policy; this when the other is null */
    public InjectionPolicy stricter(InjectionPolicy other) {
        return other != null && other.compareTo(this) > 0 ? other : this;
    }
}
