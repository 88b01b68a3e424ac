package dev.llmgateway.guard.guardrail;

import dev.llmgateway.bedrock.UpstreamErrors;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.failover.FullJitterBackoff;
import dev.llmgateway.failover.RegionBreaker;
import dev.llmgateway.failover.RegionBreakers;
import dev.llmgateway.guard.GuardDecisionListener;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.model.ApplyGuardrailRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ApplyGuardrailResponse;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailContentSource;

/**
 * Calls Bedrock's ApplyGuardrail on the async client of the guardrail's region, by the gateway's failover rules as
 * far as they fit a resource that lives in one region: throttling, 5xx and timeouts are tried again after a
 * full-jitter backoff (the upstream's Retry-After as a floor) until the check's deadline, and a circuit breaker per
 * region and guardrail stops calling one that keeps failing; a refusal (an unknown guardrail, a missing permission,
 * a request Bedrock finds invalid) is not retried. A guardrail that cannot be reached fails the call (503
 * guardrail_unavailable) unless the settings let it through; one that refuses fails it (502 guardrail_failed).
 */
public final class GuardrailCaller {

    private static final Logger LOG = LoggerFactory.getLogger(GuardrailCaller.class);
    /** How much earlier than the deadline a timeout may fire and still be the deadline's. */
    private static final long DEADLINE_SLACK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final Function<String, BedrockRuntimeAsyncClient> clients;
    private final RegionBreakers breakers;
    private final FullJitterBackoff backoff;
    private final Supplier<GuardrailSettings> settings;
    private final GuardDecisionListener decisions;

    /**
     * @param clients   the async Bedrock client of a region
     * @param breakers  the instance's breakers (a guardrail's are its own, by region and guardrail)
     * @param backoff   the waits between tries, as between rounds over a model's regions
     * @param settings  the guardrails' settings as they are now
     * @param decisions told of each check's decision (metrics)
     */
    public GuardrailCaller(Function<String, BedrockRuntimeAsyncClient> clients, RegionBreakers breakers,
                           FullJitterBackoff backoff, Supplier<GuardrailSettings> settings,
                           GuardDecisionListener decisions) {
        this.clients = clients;
        this.breakers = breakers;
        this.backoff = backoff;
        this.settings = settings;
        this.decisions = decisions;
    }

    GuardDecisionListener decisions() {
        return decisions;
    }

    GuardrailSettings settings() {
        return settings.get();
    }

    /**
     * @return the verdict; fails with a {@link GatewayException} when the guardrail cannot be applied
     */
    CompletableFuture<GuardrailVerdict> apply(GuardrailRef guardrail, String region, GuardrailContentSource source,
                                              List<String> texts) {
        ApplyGuardrailRequest request = ApplyGuardrailRequest.builder().guardrailIdentifier(guardrail.identifier())
                .guardrailVersion(guardrail.version()).source(source)
                .content(texts.stream().map(t -> GuardrailContentBlock.builder().text(b -> b.text(t)).build())
                        .toList()).build();
        GuardrailSettings now = settings.get();
        Tries tries = new Tries(guardrail, region, request, now.deadlineMs(), now.failOpen());
        tries.attempt();
        return tries.result;
    }

    /** One check's tries, one at a time. */
    private final class Tries {
        final CompletableFuture<GuardrailVerdict> result = new CompletableFuture<>();
        private final GuardrailRef guardrail;
        private final String region;
        private final ApplyGuardrailRequest request;
        private final long deadlineNanos;
        private final boolean failOpen;
        private final RegionBreaker breaker;
        private int round = 1;
        private GatewayException last;

        Tries(GuardrailRef guardrail, String region, ApplyGuardrailRequest request, long deadlineMs,
              boolean failOpen) {
            this.guardrail = guardrail;
            this.region = region;
            this.request = request;
            this.deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(deadlineMs);
            this.failOpen = failOpen;
            this.breaker = breakers.of(region, "guardrail/" + guardrail.identifier() + ":" + guardrail.version());
        }

        void attempt() {
            long remaining = deadlineNanos - System.nanoTime();
            if (remaining <= 0) {
                unavailable(null);
                return;
            }
            if (!breaker.tryAcquirePermission()) {
                long retryAfter = Math.max(1, (breaker.msUntilTrial() + 999) / 1000);
                unavailable(Map.of("Retry-After", Long.toString(retryAfter)));
                return;
            }
            long start = System.nanoTime();
            CompletableFuture<ApplyGuardrailResponse> call;
            try {
                call = clients.apply(region).applyGuardrail(request.toBuilder()
                        .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofNanos(remaining))).build());
            } catch (RuntimeException e) {
                call = CompletableFuture.failedFuture(e);
            }
            call.whenComplete((response, failure) -> {
                long elapsed = System.nanoTime() - start;
                if (failure == null) {
                    breaker.succeeded(elapsed);
                    result.complete(GuardrailVerdict.of(response));
                } else {
                    failed(unwrapped(failure), elapsed, remaining);
                }
            });
        }

        private void failed(Throwable failure, long elapsedNanos, long remainingNanos) {
            GatewayException mapped = UpstreamErrors.toGatewayException(failure);
            if (mapped == null || !regional(failure)) {
                breaker.succeeded(elapsedNanos); // the region answered: the guardrail, or the request, is wrong
                result.completeExceptionally(new GatewayException(502, "upstream_error", "guardrail_failed",
                        "The guardrail " + guardrail.described() + " in " + region + " could not be applied: "
                                + (mapped == null ? String.valueOf(failure.getMessage()) : mapped.getMessage()),
                        Map.of(), failure));
                return;
            }
            if (mapped.status() == 504) {
                if (elapsedNanos + DEADLINE_SLACK_NANOS >= remainingNanos) {
                    // cut short by the check's deadline: it tells nothing about the region, nor more than before
                    breaker.releasePermission();
                    unavailable(last == null ? Map.of() : last.headers());
                    return;
                }
                mapped = new GatewayException(504, "upstream_error", "upstream_timeout",
                        "ApplyGuardrail did not answer in time.", Map.of(), failure);
            }
            breaker.failed(elapsedNanos, mapped);
            last = mapped;
            long delay = backoff.delayMs(round++, UpstreamErrors.retryHintMs(failure));
            if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay) >= deadlineNanos) {
                unavailable(mapped.headers());
                return;
            }
            CompletableFuture.runAsync(this::attempt, CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS));
        }

        private void unavailable(Map<String, String> headers) {
            String detail = last != null ? last.getMessage() : breaker.msUntilTrial() > 0
                    ? "its circuit breaker is open after recent failures" : "no answer before the deadline";
            if (failOpen) {
                LOG.warn("Guardrail {} in {} could not be reached ({}); the call goes on unchecked (failOpen)",
                        guardrail.described(), region, detail);
                result.complete(GuardrailVerdict.unchecked());
                return;
            }
            result.completeExceptionally(new GatewayException(503, "upstream_error", "guardrail_unavailable",
                    "The guardrail " + guardrail.described() + " in " + region + " could not be reached, so the call "
                            + "was not made: " + detail, headers == null ? Map.of() : headers, last));
        }
    }

    /** Throttling, 5xx, timeouts and an unreachable endpoint may pass; a 4xx refusal will not. */
    private static boolean regional(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof AwsServiceException aws) {
                return aws.statusCode() == 429 || aws.statusCode() == 408 || aws.statusCode() >= 500;
            }
        }
        return true;
    }

    private static Throwable unwrapped(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    /** @return the failure a check ended with, as the client is told, or an internal error */
    static GatewayException gatewayException(Throwable failure) {
        Throwable cause = unwrapped(failure);
        return cause instanceof GatewayException known ? known : new GatewayException(502, "upstream_error",
                "guardrail_failed", "The guardrail could not be applied.", Map.of(), cause);
    }
}
