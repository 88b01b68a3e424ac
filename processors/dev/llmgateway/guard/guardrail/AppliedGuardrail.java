package dev.llmgateway.guard.guardrail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.chat.GatewayCall;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.chat.Json;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailContentSource;

/**
 * The guardrail that applies to one call and the region it is called in, kept on the call by the prompt's check for
 * the answer's (plain, or streamed in chunks), its text and its tool calls' inputs.
 */
public final class AppliedGuardrail {

    /** Response header saying what a guardrail changed: {@code input_masked}, {@code output_masked}. */
    public static final String HEADER = "x-llmgateway-guardrail";

    private final GuardrailCaller caller;
    private final GuardrailRef guardrail;
    private final String region;
    private final String team;

    AppliedGuardrail(GuardrailCaller caller, GuardrailRef guardrail, String region, String team) {
        this.caller = caller;
        this.guardrail = guardrail;
        this.region = region;
        this.team = team;
    }

    /** @return the call's guardrail, or null when none applies to it */
    public static AppliedGuardrail of(GatewayCall call) {
        return call.kept(AppliedGuardrail.class);
    }

    /** @return the verdict; fails with the {@link GatewayException} the client is told when it cannot be had */
    public CompletableFuture<GuardrailVerdict> check(GuardrailContentSource source, List<String> texts) {
        String sourceName = source.toString().toLowerCase(Locale.ROOT);
        return caller.apply(guardrail, region, source, texts).whenComplete((verdict, failure) ->
                caller.decisions().guardrail(team, sourceName,
                        failure != null ? "failed" : verdict.outcome().name().toLowerCase(Locale.ROOT)));
    }

    /** The check, waited for on the calling thread (a worker's, which waits for the model call too). */
    GuardrailVerdict checkNow(GuardrailContentSource source, List<String> texts) {
        try {
            return check(source, texts).join();
        } catch (CompletionException e) {
            throw GuardrailCaller.gatewayException(e);
        }
    }

    /** @return characters of a streamed answer checked at a time */
    public int streamChunkChars() {
        return caller.settings().streamChunkChars();
    }

    /**
     * @param what "prompt", "answer", or how far a stream got
     * @return the client's error for a text the guardrail blocked: what it flagged, never the text
     */
    public GatewayException blocked(GuardrailVerdict verdict, String what) {
        return new GatewayException(400, "invalid_request_error", "guardrail_intervened", "The " + what
                + " was blocked by the guardrail " + guardrail.described() + ": " + verdict.flagged() + ".");
    }

    /** @return the error for masked texts that do not match the texts sent one for one */
    GatewayException unmatchedOutputs(int sent, int returned) {
        return new GatewayException(502, "upstream_error", "guardrail_failed", "The guardrail "
                + guardrail.described() + " masked " + sent + " texts but returned " + returned + ".", Map.of(), null);
    }

    /**
     * @param tool   the name of the tool the model called
     * @param masked the guardrail's text for the call's input (its JSON text as sent)
     * @return the masked input; 502 guardrail_failed when the masking left text that is no longer JSON, since the
     *         call's input cannot be served as anything else and the gateway does not guess what was meant
     */
    public JsonNode maskedToolInput(String tool, String masked) {
        try {
            JsonNode input = Json.MAPPER.readTree(masked);
            if (input != null && !input.isMissingNode()) {
                return input;
            }
        } catch (JsonProcessingException e) {
            // not JSON: refused below
        }
        throw new GatewayException(502, "upstream_error", "guardrail_failed", "The guardrail "
                + guardrail.described() + " masked the input of the call of tool " + tool + " so that it is no "
                + "longer JSON.", Map.of(), null);
    }

    /** @return the failure a check ended with, as the client is told */
    public static GatewayException failure(Throwable failure) {
        return GuardrailCaller.gatewayException(failure);
    }
}
