package dev.llmgateway.emulator;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * How one emulated region behaves. Immutable; {@link #healthy()} is the default (no latency, no
 * quotas, no faults). Built with {@link #builder()} in Java or read from JSON (see the builder's
 * setters for the property names), e.g.
 * <pre>{"firstByteLatencyMs": 50, "timePerTokenMs": 5, "requestsPerMinute": 100, "tokensPerMinute": 0,
 *  "failureRates": {"InternalServerException": 0.3}, "faultSeed": 7,
 *  "streamBreakAfterDeltas": 3, "streamBreakException": "modelStreamErrorException", "retryAfterSeconds": 2}</pre>
 * A quota of 0 means unlimited.
 */
@JsonDeserialize(builder = RegionBehaviour.Builder.class)
public final class RegionBehaviour {
    /** The exception frames the SDK knows inside InvokeModelWithResponseStream and ConverseStream. */
    private static final Set<BedrockError> STREAM_ERRORS = Set.of(BedrockError.MODEL_STREAM_ERROR, BedrockError.INTERNAL_SERVER,
            BedrockError.THROTTLING, BedrockError.VALIDATION, BedrockError.SERVICE_UNAVAILABLE, BedrockError.MODEL_TIMEOUT);
    private static final RegionBehaviour HEALTHY = builder().build();

    private final long firstByteLatencyMs;
    private final long timePerTokenMs;
    private final int requestsPerMinute;
    private final int tokensPerMinute;
    private final Map<BedrockError, Double> failureRates;
    private final long faultSeed;
    private final OptionalInt streamBreakAfterDeltas;
    private final BedrockError streamBreakException;
    private final OptionalInt retryAfterSeconds;

    private RegionBehaviour(Builder b) {
        this.firstByteLatencyMs = b.firstByteLatencyMs;
        this.timePerTokenMs = b.timePerTokenMs;
        this.requestsPerMinute = b.requestsPerMinute;
        this.tokensPerMinute = b.tokensPerMinute;
        this.failureRates = Collections.unmodifiableMap(new EnumMap<>(b.failureRates));
        this.faultSeed = b.faultSeed;
        this.streamBreakAfterDeltas = b.streamBreakAfterDeltas;
        this.streamBreakException = b.streamBreakException;
        this.retryAfterSeconds = b.retryAfterSeconds;
    }

    public static RegionBehaviour healthy() {
        return HEALTHY;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.firstByteLatencyMs = firstByteLatencyMs;
        b.timePerTokenMs = timePerTokenMs;
        b.requestsPerMinute = requestsPerMinute;
        b.tokensPerMinute = tokensPerMinute;
        b.failureRates.putAll(failureRates);
        b.faultSeed = faultSeed;
        b.streamBreakAfterDeltas = streamBreakAfterDeltas;
        b.streamBreakException = streamBreakException;
        b.retryAfterSeconds = retryAfterSeconds;
        return b;
    }

    /** Added before the first byte of every answer. */
    public long firstByteLatencyMs() {
        return firstByteLatencyMs;
    }

    /** Time per output token: between stream deltas, and added to non-streaming answers. */
    public long timePerTokenMs() {
        return timePerTokenMs;
    }

    public int requestsPerMinute() {
        return requestsPerMinute;
    }

    public int tokensPerMinute() {
        return tokensPerMinute;
    }

    /** Probability per request of each injected failure; their sum is at most 1. */
    public Map<BedrockError, Double> failureRates() {
        return failureRates;
    }

    public long faultSeed() {
        return faultSeed;
    }

    /** Streams send this many deltas, then an exception frame; empty means streams never break. */
    public OptionalInt streamBreakAfterDeltas() {
        return streamBreakAfterDeltas;
    }

    /**
     * The exception sent in the breaking frame; by default {@code modelStreamErrorException}, which is how Bedrock
     * reports a model failing mid-generation. ConverseStream has no {@code modelTimeoutException} member.
     */
    public BedrockError streamBreakException() {
        return streamBreakException;
    }

    /** Sent as a {@code Retry-After} header on 429 and 503 answers. */
    public OptionalInt retryAfterSeconds() {
        return retryAfterSeconds;
    }

    @JsonPOJOBuilder(withPrefix = "")
    public static final class Builder {
        private long firstByteLatencyMs;
        private long timePerTokenMs;
        private int requestsPerMinute;
        private int tokensPerMinute;
        private final Map<BedrockError, Double> failureRates = new EnumMap<>(BedrockError.class);
        private long faultSeed = 42;
        private OptionalInt streamBreakAfterDeltas = OptionalInt.empty();
        private BedrockError streamBreakException = BedrockError.MODEL_STREAM_ERROR;
        private OptionalInt retryAfterSeconds = OptionalInt.empty();

        private Builder() {
        }

        public Builder firstByteLatencyMs(long ms) {
            this.firstByteLatencyMs = nonNegative(ms, "firstByteLatencyMs");
            return this;
        }

        public Builder timePerTokenMs(long ms) {
            this.timePerTokenMs = nonNegative(ms, "timePerTokenMs");
            return this;
        }

        public Builder requestsPerMinute(int quota) {
            this.requestsPerMinute = (int) nonNegative(quota, "requestsPerMinute");
            return this;
        }

        public Builder tokensPerMinute(int quota) {
            this.tokensPerMinute = (int) nonNegative(quota, "tokensPerMinute");
            return this;
        }

        public Builder failureRate(BedrockError error, double rate) {
            if (error == BedrockError.MODEL_STREAM_ERROR) {
                throw new IllegalArgumentException("ModelStreamErrorException only occurs inside a stream; use streamBreakException");
            }
            if (rate < 0 || rate > 1) {
                throw new IllegalArgumentException("failure rate of " + error.typeName() + " must be between 0 and 1: " + rate);
            }
            failureRates.put(error, rate);
            if (failureRates.values().stream().mapToDouble(Double::doubleValue).sum() > 1.0 + 1e-9) {
                throw new IllegalArgumentException("failure rates add up to more than 1: " + failureRates);
            }
            return this;
        }

        /** JSON form: exception names ({@code ThrottlingException} or {@code throttlingException}) to rates. */
        public Builder failureRates(Map<String, Double> rates) {
            failureRates.clear();
            rates.forEach((name, rate) -> failureRate(errorNamed(name), rate));
            return this;
        }

        public Builder faultSeed(long seed) {
            this.faultSeed = seed;
            return this;
        }

        public Builder streamBreakAfterDeltas(Integer deltas) {
            this.streamBreakAfterDeltas = deltas == null ? OptionalInt.empty() : OptionalInt.of((int) nonNegative(deltas, "streamBreakAfterDeltas"));
            return this;
        }

        @JsonIgnore
        public Builder streamBreakException(BedrockError error) {
            if (!STREAM_ERRORS.contains(error)) {
                throw new IllegalArgumentException(error.typeName() + " cannot be sent inside a stream; use one of " + STREAM_ERRORS);
            }
            this.streamBreakException = error;
            return this;
        }

        /** JSON form: the exception name, either spelling. */
        @JsonProperty("streamBreakException")
        public Builder streamBreakException(String name) {
            return streamBreakException(errorNamed(name));
        }

        public Builder retryAfterSeconds(Integer seconds) {
            this.retryAfterSeconds = seconds == null ? OptionalInt.empty() : OptionalInt.of((int) nonNegative(seconds, "retryAfterSeconds"));
            return this;
        }

        public RegionBehaviour build() {
            return new RegionBehaviour(this);
        }

        private static BedrockError errorNamed(String name) {
            return BedrockError.fromName(name).orElseThrow(() -> new IllegalArgumentException("unknown Bedrock exception: " + name));
        }

        private static long nonNegative(long value, String name) {
            if (value < 0) {
                throw new IllegalArgumentException(name + " must not be negative: " + value);
            }
            return value;
        }
    }
}
