package dev.llmgateway.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Reads the Messages API's {@code image} blocks ({@code source: {type: base64, media_type: image/png, data}}) and
 * {@code document} blocks ({@code source} base64 with {@code application/pdf}, or {@code text} with
 * {@code text/plain}; an optional {@code title}). A source of another type or media type fails Bedrock's schema
 * check of the body; {@link MediaInspector} makes the model's checks.
 */
final class AnthropicMediaReader {
    private static final MediaRefusals REFUSALS = AnthropicMediaRefusals.INSTANCE;

    private AnthropicMediaReader() {
    }

    /** An image or document block of the message with the given role; only a user message may carry one. */
    static MediaBlock read(JsonNode block, BlockPath at, String role) {
        String blockType = block.path("type").asText();
        if (!role.equals("user")) {
            throw REFUSALS.notInAssistantTurn(at.message(), blockType);
        }
        return blockType.equals("image") ? image(block.path("source"), at) : document(block, at);
    }

    private static MediaBlock.Image image(JsonNode source, BlockPath at) {
        expect(source, "type", "base64", at);
        String mediaType = source.path("media_type").asText();
        ImageType type = ImageType.fromMediaType(mediaType).orElseThrow(() -> notAnEnumValue(at, "media_type", mediaType));
        return MediaInspector.image(at, type, base64(source).orElseThrow(() -> REFUSALS.imageUnreadable(at)), REFUSALS);
    }

    private static MediaBlock.Document document(JsonNode block, BlockPath at) {
        String title = block.hasNonNull("title") ? block.get("title").asText() : null;
        JsonNode source = block.path("source");
        String sourceType = source.path("type").asText();
        if (sourceType.equals("text")) {
            expect(source, "media_type", "text/plain", at);
            String text = source.path("data").asText();
            return MediaBlock.Document.text(title, DocumentType.TXT, text, Sha256Prefix.of(text.getBytes(StandardCharsets.UTF_8)));
        }
        expect(source, "type", "base64", at);
        expect(source, "media_type", "application/pdf", at);
        byte[] bytes = base64(source).orElseThrow(() -> REFUSALS.documentUnreadable(at));
        return MediaInspector.document(at, title, DocumentType.PDF, bytes, REFUSALS);
    }

    private static void expect(JsonNode source, String field, String value, BlockPath at) {
        String actual = source.path(field).asText();
        if (!actual.equals(value)) {
            throw notAnEnumValue(at, field, actual);
        }
    }

    private static BedrockFailure notAnEnumValue(BlockPath at, String field, String value) {
        return BedrockFailure.malformedInput(at.pointer() + "/source/" + field + ": " + value + " is not a valid enum value");
    }

    private static Optional<byte[]> base64(JsonNode source) {
        try {
            return Optional.of(Base64.getDecoder().decode(source.path("data").asText()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
