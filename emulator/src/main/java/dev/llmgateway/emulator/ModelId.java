package dev.llmgateway.emulator;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * A model identifier from the request path: a base model id, a cross-region inference profile id
 * ({@code us.}, {@code eu.}, {@code global.} ...) or an ARN, as the SDK percent-encodes it. The base model
 * behind it must be in the {@link ModelCatalog}.
 *
 * @param requested the identifier as the client sent it, decoded
 * @param baseModelId the foundation model id behind it, e.g. {@code anthropic.claude-3-5-sonnet-20240620-v1:0}
 */
record ModelId(String requested, String baseModelId, ModelFamily family) {
    private static final Pattern GEO_PREFIX = Pattern.compile("^(us|us-gov|eu|apac|jp|au|ca|global)\\.");
    private static final Pattern VERSION_SUFFIX = Pattern.compile("-v\\d+(:\\d+)?$");
    private static final String INVALID = "The provided model identifier is invalid.";

    static ModelId parse(String encoded) {
        String requested = percentDecode(encoded);
        String base = GEO_PREFIX.matcher(resourceOf(requested)).replaceFirst("");
        return new ModelId(requested, base, ModelCatalog.familyOf(base).orElseThrow(() -> BedrockFailure.validation(INVALID)));
    }

    /** The short model name Anthropic puts in its {@code model} field, e.g. {@code claude-3-5-sonnet-20240620}. */
    String anthropicModelName() {
        return VERSION_SUFFIX.matcher(baseModelId.substring(baseModelId.indexOf("claude"))).replaceFirst("");
    }

    /** For {@code arn:aws:bedrock:REGION:ACCOUNT:TYPE/ID} the part after the resource type, otherwise the id itself. */
    private static String resourceOf(String id) {
        if (!id.startsWith("arn:")) {
            return id;
        }
        String[] parts = id.split(":", 6);
        if (parts.length < 6 || parts[5].indexOf('/') < 0) {
            throw BedrockFailure.validation(INVALID);
        }
        return parts[5].substring(parts[5].indexOf('/') + 1);
    }

    /** Percent-decoding of a path segment; unlike form decoding, '+' stays '+'. */
    static String percentDecode(String encoded) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(encoded.length());
        byte[] raw = encoded.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '%' && i + 2 < raw.length) {
                int hi = Character.digit(raw[i + 1], 16);
                int lo = Character.digit(raw[i + 2], 16);
                if (hi >= 0 && lo >= 0) {
                    out.write(hi * 16 + lo);
                    i += 2;
                    continue;
                }
            }
            out.write(raw[i]);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
