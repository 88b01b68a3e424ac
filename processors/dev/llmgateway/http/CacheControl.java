package dev.llmgateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.chat.ContentBlock;
import dev.llmgateway.chat.GatewayException;
import java.util.List;

/**
 * Reads a {@code cache_control} field, Anthropic's prompt-cache breakpoint, which the gateway also takes on the OpenAI
 * API (as LiteLLM and OpenRouter do): the prompt up to and including the object carrying it may be cached.
 */
public final class CacheControl {

    public static final String FIELD = "cache_control";

    private static final List<String> TTLS = List.of("5m", "1h");

    public static final FieldRules RULES = FieldRules.of("a cache_control")
            .served("type", "\"ephemeral\"")
            .served("ttl", "\"5m\" (the default) or \"1h\" (where the model supports it; Bedrock refuses it otherwise)")
            .build();

    private CacheControl() {
    }

    /**
     * The breakpoint after a text part, refused after blank text (as Anthropic refuses it: it would cache nothing new).
     *
     * @param text the text the breakpoint would follow
     */
    public static ContentBlock.CachePoint readAfterText(JsonNode part, String at, CharSequence text) {
        ContentBlock.CachePoint cachePoint = read(part, at);
        if (cachePoint != null && text.toString().isBlank()) {
            throw GatewayException.invalidRequest("invalid_value", at + FIELD + " follows empty text; put it on a "
                    + "block with content.");
        }
        return cachePoint;
    }

    /** Appends the breakpoint the object asks for, if any, to the blocks read so far. */
    public static void appendTo(List<ContentBlock> blocks, JsonNode holder, String at) {
        ContentBlock.CachePoint cachePoint = read(holder, at);
        if (cachePoint != null) {
            blocks.add(cachePoint);
        }
    }

    /**
     * @param holder the object that may carry a {@code cache_control}
     * @param at     where the object is in the request, ending with a dot ("" for the body)
     * @return the breakpoint after the object, or null when it carries none
     */
    public static ContentBlock.CachePoint read(JsonNode holder, String at) {
        JsonNode control = holder.get(FIELD);
        if (control == null || control.isNull()) {
            return null;
        }
        String controlAt = at + FIELD;
        if (!control.isObject()) {
            throw JsonFields.wrongType(controlAt, "an object", control);
        }
        RULES.check(control, controlAt + ".");
        String type = JsonFields.requiredString(control, "type", controlAt);
        if (!"ephemeral".equals(type)) {
            throw GatewayException.invalidRequest("invalid_value", controlAt + ".type '" + type
                    + "' is not supported; use \"ephemeral\".");
        }
        JsonNode ttl = control.get("ttl");
        if (ttl == null || ttl.isNull()) {
            return new ContentBlock.CachePoint(null);
        }
        if (!ttl.isTextual() || !TTLS.contains(ttl.textValue())) {
            throw GatewayException.invalidRequest("invalid_value", controlAt + ".ttl must be \"5m\" or \"1h\".");
        }
        return new ContentBlock.CachePoint(ttl.textValue());
    }
}
