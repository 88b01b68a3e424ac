package dev.llmgateway.http;

import dev.llmgateway.chat.ContentBlock;
import dev.llmgateway.chat.GatewayException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Base64;
import java.util.Map;

/**
 * Images and documents as callers send them (base64, or a data: URL), checked before anything else reads them: a
 * format Bedrock takes, bytes that are what the format says, and Bedrock's size limits. An image named by an http(s)
 * address becomes an {@link ContentBlock.ImageLink}, fetched later only if the settings allow its address
 * ({@link RemoteImages}); the gateway fetches no other address a caller names.
 */
public final class MediaBlocks {

    private static final Map<String, String> IMAGE_FORMATS = Map.of("image/png", "png", "image/jpeg", "jpeg",
            "image/gif", "gif", "image/webp", "webp");
    private static final Map<String, String> DOCUMENT_FORMATS = Map.of("application/pdf", "pdf", "text/plain", "txt",
            "text/csv", "csv", "text/html", "html", "text/markdown", "md");
    static final int MAX_IMAGE_BYTES = 3_750_000;
    private static final int MAX_URL_LENGTH = 2_048;
    private static final int MAX_DOCUMENT_BYTES = 4_500_000;
    private static final int MAX_NAME_LENGTH = 200;

    private MediaBlocks() {
    }

    /** An image given as a data: URL, or by its http(s) address (an image link, fetched later if allowed). */
    public static ContentBlock imageFromUrl(String url, String at) {
        if (url.regionMatches(true, 0, "http://", 0, 7) || url.regionMatches(true, 0, "https://", 0, 8)) {
            return imageLink(url, at);
        }
        DataUrl data = DataUrl.parse(url, at, "image");
        return image(data.mediaType(), data.base64(), at);
    }

    /** @return the link, when the address is an absolute http(s) URL with a host and no user part */
    public static ContentBlock.ImageLink imageLink(String url, String at) {
        URI uri = null;
        if (url.length() <= MAX_URL_LENGTH) {
            try {
                uri = new URI(url);
            } catch (URISyntaxException e) {
                uri = null;
            }
        }
        if (uri == null || uri.getHost() == null || uri.getRawUserInfo() != null
                || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
            throw GatewayException.invalidRequest("invalid_value", at + " must be a data: URL or an http(s) address "
                    + "of at most " + MAX_URL_LENGTH + " characters, with a host and no user name.");
        }
        return new ContentBlock.ImageLink(url);
    }

    public static ContentBlock.Image image(String mediaType, String base64, String at) {
        checkImageType(mediaType, at);
        return image(mediaType, decode(base64, at, MAX_IMAGE_BYTES, "an image"), at);
    }

    /** An image's bytes, checked to be of the type and within Bedrock's size. */
    public static ContentBlock.Image image(String mediaType, byte[] bytes, String at) {
        String format = checkImageType(mediaType, at);
        if (bytes.length > MAX_IMAGE_BYTES) {
            throw GatewayException.invalidRequest("invalid_value", at + " is larger than Bedrock takes for an image ("
                    + MAX_IMAGE_BYTES + " bytes).");
        }
        if (!MagicBytes.matches(format, bytes)) {
            throw GatewayException.invalidRequest("invalid_value", at + " is not a " + format + " image.");
        }
        return new ContentBlock.Image(format, bytes);
    }

    private static String checkImageType(String mediaType, String at) {
        String format = IMAGE_FORMATS.get(mediaType);
        if (format == null) {
            throw GatewayException.invalidRequest("unsupported_content", at + ": images of type '" + mediaType
                    + "' are not served; send " + String.join(", ", IMAGE_FORMATS.keySet().stream().sorted().toList())
                    + ".");
        }
        return format;
    }

    /** A document given as a data: URL. */
    public static ContentBlock.Document documentFromUrl(String url, String name, String at) {
        DataUrl data = DataUrl.parse(url, at, "document");
        return document(data.mediaType(), name, decode(data.base64(), at, MAX_DOCUMENT_BYTES, "a document"), at);
    }

    public static ContentBlock.Document document(String mediaType, String name, byte[] bytes, String at) {
        String format = DOCUMENT_FORMATS.get(mediaType);
        if (format == null) {
            throw GatewayException.invalidRequest("unsupported_content", at + ": documents of type '" + mediaType
                    + "' are not served; send "
                    + String.join(", ", DOCUMENT_FORMATS.keySet().stream().sorted().toList())
                    + ".");
        }
        if (bytes.length > MAX_DOCUMENT_BYTES) {
            throw GatewayException.invalidRequest("invalid_value", at + " is " + bytes.length + " bytes; Bedrock takes "
                    + "a document of at most " + MAX_DOCUMENT_BYTES + ".");
        }
        if (!MagicBytes.matches(format, bytes)) {
            throw GatewayException.invalidRequest("invalid_value", at + " is not a " + format + " document.");
        }
        return new ContentBlock.Document(format, documentName(name, at), bytes);
    }

    public static byte[] decode(String base64, String at, int maxBytes, String what) {
        if ((long) base64.length() * 3 / 4 > (long) maxBytes + 3) {
            throw GatewayException.invalidRequest("invalid_value", at + " is larger than Bedrock takes for " + what
                    + " (" + maxBytes + " bytes).");
        }
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw GatewayException.invalidRequest("invalid_value", at + " is not valid base64: " + e.getMessage());
        }
    }

    /**
     * Bedrock's rule for a document's name: ASCII letters and digits, single spaces, hyphens, underscores,
     * parentheses and square brackets.
     */
    private static String documentName(String name, String at) {
        String given = name == null || name.isBlank() ? "document" : name.strip();
        boolean valid = given.length() <= MAX_NAME_LENGTH;
        for (int i = 0; valid && i < given.length(); i++) {
            char c = given.charAt(i);
            valid = c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '(' || c == ')'
                    || c == '[' || c == ']' || c == ' ' && given.charAt(i - 1) != ' ');
        }
        if (!valid) {
            throw GatewayException.invalidRequest("invalid_value", at + ": the document name must be at most "
                    + MAX_NAME_LENGTH + " ASCII letters, digits, single spaces, hyphens, underscores, parentheses or "
                    + "square brackets (Bedrock's rule).");
        }
        return given;
    }

    /** A data: URL's media type and base64 payload. */
    private record DataUrl(String mediaType, String base64) {

        static DataUrl parse(String url, String at, String what) {
            if (!url.regionMatches(true, 0, "data:", 0, 5)) {
                throw GatewayException.invalidRequest("unsupported_content", at + " must be a data: URL (base64)"
                        + ("image".equals(what) ? " or an http(s) address" : ": the gateway fetches no " + what + "s")
                        + "; send the " + what + " inline.");
            }
            int comma = url.indexOf(',');
            String header = comma < 0 ? "" : url.substring(5, comma);
            if (comma < 0 || !header.endsWith(";base64")) {
                throw GatewayException.invalidRequest("invalid_value", at + " must be a base64 data: URL "
                        + "(data:<media type>;base64,<data>).");
            }
            return new DataUrl(header.substring(0, header.length() - ";base64".length()), url.substring(comma + 1));
        }
    }
}
