package dev.llmgateway.guard.injection;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.llmgateway.guard.text.InspectionBudget;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.IntPredicate;

/** Finds base64 and hex blobs in a text and decodes those that turn out to be readable text. */
final class EncodedPayloads {

    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/_-]{16,}={0,2}");
    private static final Pattern HEX = Pattern.compile("(?i)(?:(?:0x|\\\\x)?[0-9a-f]{2}[\\s:,]?){12,}");
    private static final int MAX_BLOBS = 32;

    private EncodedPayloads() {
    }

    /** @return the readable texts the blobs of the text decode to, at most a few dozen */
    static List<String> decodeAll(String text, InspectionBudget budget) {
        List<String> decoded = new ArrayList<>();
        // One pass over the text rules out most prose, which the two patterns would otherwise try at every letter.
        if (!hasRun(text, EncodedPayloads::isHexBlobChar, EncodedPayloads::isHexDigit, 24)
                && !hasRun(text, EncodedPayloads::isBase64Char, c -> true, 16)) {
            return decoded;
        }
        budget.charge(2L * text.length());
        Matcher hex = HEX.matcher(budget.meter(text));
        while (hex.find() && decoded.size() < MAX_BLOBS) {
            String digits = hexDigits(hex.group());
            if (digits.length() % 2 == 0) {
                readable(HexFormat.of().parseHex(digits)).ifPresent(decoded::add);
            }
        }
        Matcher base64 = BASE64.matcher(budget.meter(text));
        while (base64.find() && decoded.size() < MAX_BLOBS) {
            String blob = base64.group();
            if (blob.chars().allMatch(c -> Character.isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                continue;
            }
            decodeBase64(blob).flatMap(EncodedPayloads::readable).ifPresent(decoded::add);
        }
        return decoded;
    }

    /** @return the hex digits of a blob, without its {@code 0x} and {@code \\x} prefixes and separators */
    private static String hexDigits(String blob) {
        StringBuilder digits = new StringBuilder(blob.length());
        for (int i = 0; i < blob.length(); i++) {
            char c = blob.charAt(i);
            boolean prefix = (c == '0' || c == '\\') && i + 1 < blob.length() && (blob.charAt(i + 1) | 0x20) == 'x';
            if (prefix) {
                i++;
            } else if (isHexDigit(c)) {
                digits.append(c);
            }
        }
        return digits.toString();
    }

    /** @return whether a run of {@code member} characters holds at least {@code min} {@code counted} ones */
    private static boolean hasRun(String text, IntPredicate member, IntPredicate counted, int min) {
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!member.test(c)) {
                count = 0;
            } else if (counted.test(c) && ++count >= min) {
                return true;
            }
        }
        return false;
    }

    /** What {@link #HEX} matches: digits, {@code 0x} and {@code \x} prefixes, separators. */
    private static boolean isHexBlobChar(int c) {
        return isHexDigit(c) || c == 'x' || c == 'X' || c == '\\' || c == ':' || c == ',' || c == ' ' || c == '\t'
                || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    private static boolean isHexDigit(int c) {
        return Character.digit(c, 16) >= 0 && c < 128;
    }

    private static boolean isBase64Char(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/'
                || c == '_' || c == '-';
    }

    private static Optional<byte[]> decodeBase64(String blob) {
        String unpadded = blob.replace("=", "");
        boolean urlSafe = unpadded.indexOf('-') >= 0 || unpadded.indexOf('_') >= 0;
        try {
            Base64.Decoder decoder = urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder();
            return Optional.of(decoder.decode(pad(unpadded)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String pad(String unpadded) {
        return switch (unpadded.length() % 4) {
            case 2 -> unpadded + "==";
            case 3 -> unpadded + "=";
            // a lone trailing character carries no whole byte; drop it
            case 1 -> unpadded.substring(0, unpadded.length() - 1);
            default -> unpadded;
        };
    }

    /** @return the bytes as text when they are valid UTF-8 made mostly of letters, digits, punctuation and spaces */
    private static Optional<String> readable(byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            long printable = text.codePoints().filter(cp -> !Character.isISOControl(cp) || Character.isWhitespace(cp)).count();
            long letters = text.codePoints().filter(Character::isLetter).count();
            return printable >= 0.95 * text.length() && letters >= 0.5 * text.length() ? Optional.of(text) : Optional.empty();
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
