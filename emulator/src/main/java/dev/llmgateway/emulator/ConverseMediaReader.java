package dev.llmgateway.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads Converse's {@code image} ({@code {format, source: {bytes}}}) and {@code document}
 * ({@code {format, name, source: {bytes | text | content}}}) blocks, with the checks Bedrock makes itself before the
 * model sees them: the format among the known ones, the document's name, a document at most 4.5 MB, at most
 * {@value #MAX_DOCUMENTS} documents with distinct names. {@link MediaInspector} makes the model's checks.
 */
final class ConverseMediaReader {
    static final int MAX_DOCUMENTS = 5;
    static final int MAX_DOCUMENT_BYTES = 4_718_592;
    static final int MAX_DOCUMENT_NAME_LENGTH = 200;
    /**
     * Bedrock's documentation and message allow alphanumerics, whitespace, hyphens, parentheses and square brackets;
     * requests seen against the service also pass underscores and refuse tabs and non-ASCII letters.
     */
    private static final Pattern DOCUMENT_NAME = Pattern.compile("[A-Za-z0-9 _()\\[\\]-]+");
    private static final String DOCUMENT_NAME_REFUSED = "The document file name can only contain alphanumeric characters, "
            + "whitespace characters, hyphens, parentheses, and square brackets. The name can't contain more than one "
            + "consecutive whitespace character. Check that the file name conforms to these restrictions and retry your request.";
    private static final String SOURCE_TYPE_REQUIRED = ".source.type: Field required";
    private static final MediaRefusals REFUSALS = ConverseMediaRefusals.INSTANCE;

    private ConverseMediaReader() {
    }

    /** An image or document block of the message with the given role; only a user message may carry one. */
    static MediaBlock read(JsonNode block, BlockPath at, String role) {
        String blockType = block.has("image") ? "image" : "document";
        if (!role.equals("user")) {
            throw REFUSALS.notInAssistantTurn(at.message(), blockType);
        }
        return blockType.equals("image") ? image(block.get("image"), at) : document(block.get("document"), at);
    }

    /** Bedrock's own limits on the documents of a whole request. */
    static void checkDocuments(List<ChatPrompt.Turn> turns) {
        List<String> names = turns.stream().flatMap(turn -> turn.media().stream())
                .filter(MediaBlock.Document.class::isInstance).map(media -> ((MediaBlock.Document) media).name())
                .collect(Collectors.toList());
        if (names.size() > MAX_DOCUMENTS) {
            throw BedrockFailure.validation("You can't include more than " + MAX_DOCUMENTS + " documents in a request.");
        }
        if (new HashSet<>(names).size() < names.size()) {
            throw BedrockFailure.validation("Messages can't contain duplicate document names.");
        }
    }

    private static MediaBlock.Image image(JsonNode image, BlockPath at) {
        String format = required(image, "format", at.member() + ".image.format");
        ImageType type = ImageType.fromFormat(format).orElseThrow(() -> notInEnum(format, at.member() + ".image.format",
                Arrays.stream(ImageType.values()).map(ImageType::format)));
        JsonNode source = image.path("source");
        if (!source.has("bytes")) {
            throw ConverseMediaRefusals.modelError(at + SOURCE_TYPE_REQUIRED);
        }
        return MediaInspector.image(at, type, base64(source.get("bytes")).orElseThrow(() -> REFUSALS.imageUnreadable(at)), REFUSALS);
    }

    private static MediaBlock.Document document(JsonNode document, BlockPath at) {
        String name = required(document, "name", at.member() + ".document.name");
        checkName(name, at);
        JsonNode source = document.path("source");
        if (source.has("bytes")) {
            byte[] bytes = base64(source.get("bytes")).orElseThrow(() -> REFUSALS.documentUnreadable(at));
            checkSize(bytes.length);
            DocumentType unstated = DocumentType.PDF.hasSignatureOf(bytes) ? DocumentType.PDF : DocumentType.TXT;
            return MediaInspector.document(at, name, type(document, at, unstated), bytes, REFUSALS);
        }
        Optional<String> text = sourceText(source);
        if (text.isEmpty()) {
            throw ConverseMediaRefusals.modelError(at + SOURCE_TYPE_REQUIRED);
        }
        byte[] utf8 = text.get().getBytes(StandardCharsets.UTF_8);
        checkSize(utf8.length);
        return MediaBlock.Document.text(name, type(document, at, DocumentType.TXT), text.get(), Sha256Prefix.of(utf8));
    }

    /** The declared format, which Converse does not require: bytes without one are a PDF if they start as one, else text. */
    private static DocumentType type(JsonNode document, BlockPath at, DocumentType unstated) {
        if (!document.hasNonNull("format")) {
            return unstated;
        }
        String format = document.get("format").asText();
        return DocumentType.fromFormat(format).orElseThrow(() -> notInEnum(format, at.member() + ".document.format",
                Arrays.stream(DocumentType.values()).map(DocumentType::format)));
    }

    /** {@code source.text}, or the text blocks of {@code source.content} joined by new lines. */
    private static Optional<String> sourceText(JsonNode source) {
        if (source.has("text")) {
            return Optional.of(source.get("text").asText());
        }
        if (!source.has("content")) {
            return Optional.empty();
        }
        List<String> texts = new ArrayList<>();
        source.get("content").forEach(block -> texts.add(block.path("text").asText("")));
        return Optional.of(String.join("\n", texts));
    }

    private static void checkName(String name, BlockPath at) {
        if (name.isEmpty() || name.length() > MAX_DOCUMENT_NAME_LENGTH) {
            throw BedrockFailure.constraintViolated("'" + name + "'", at.member() + ".document.name", name.isEmpty()
                    ? "Member must have length greater than or equal to 1"
                    : "Member must have length less than or equal to " + MAX_DOCUMENT_NAME_LENGTH);
        }
        if (!DOCUMENT_NAME.matcher(name).matches() || name.contains("  ")) {
            throw BedrockFailure.validation(DOCUMENT_NAME_REFUSED);
        }
    }

    private static void checkSize(int bytes) {
        if (bytes > MAX_DOCUMENT_BYTES) {
            throw BedrockFailure.validation("The maximum document size is 4.5 MB.");
        }
    }

    private static String required(JsonNode node, String field, String memberPath) {
        if (!node.hasNonNull(field)) {
            throw BedrockFailure.constraintViolated("null", memberPath, "Member must not be null");
        }
        return node.get(field).asText();
    }

    private static BedrockFailure notInEnum(String value, String memberPath, Stream<String> allowed) {
        return BedrockFailure.constraintViolated("'" + value + "'", memberPath,
                "Member must satisfy enum value set: [" + allowed.collect(Collectors.joining(", ")) + "]");
    }

    private static Optional<byte[]> base64(JsonNode node) {
        try {
            return Optional.of(Base64.getDecoder().decode(node.asText()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
