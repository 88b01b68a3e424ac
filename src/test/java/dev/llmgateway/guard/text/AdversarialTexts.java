package dev.llmgateway.guard.text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;

/**
 * Generated inputs that make text inspection slow if anything in it backtracks, recurses or rescans: runs of every
 * separator and character class, alternations of two of them, the lead words of rules repeated with and without
 * gaps, and the long structured inputs seen to hurt (hex, hashes, numbers, phone numbers, e-mail tails, URLs,
 * spelled-out letters, hexdumps). Each class is a function from a length to a text of about that length.
 */
public final class AdversarialTexts {

    private static final String[] SEPARATORS = {" ", ",", "\n", "\t", ".", ":", ";", "-", "_", "/", "@", "|", "=", "+",
            "<", ">", "*", "'", "\"", "(", "\u200b", "\u202e", "\u00a0", "#", "\\", "!", "?"};
    private static final String[] CLASSES = {"a", "x", "Z", "0", "7", "é", "ж", "字", "ﾟ", "\uD83D\uDE00"};

    private AdversarialTexts() {
    }

    /** @return every class, named, with the given words also repeated as leads (rule verbs, keywords) */
    public static Map<String, IntFunction<String>> classes(List<String> leadWords) {
        Map<String, IntFunction<String>> classes = new LinkedHashMap<>();
        for (String s : SEPARATORS) {
            classes.put("run " + visible(s), n -> repeat(s, n));
            classes.put("a" + visible(s) + " pairs", n -> repeat("a" + s, n));
            classes.put("word" + visible(s) + " pairs", n -> repeat("word" + s, n));
        }
        for (String c : CLASSES) {
            classes.put("run " + c, n -> repeat(c, n));
            classes.put(c + " spaced", n -> repeat(c + " ", n));
        }
        for (String lead : leadWords) {
            classes.put("lead '" + lead + "' then a run of x", n -> lead + " " + repeat("x", n - lead.length() - 1));
            classes.put("lead '" + lead + "' then commas", n -> lead + repeat(",", n - lead.length()));
            classes.put("lead '" + lead + "' then newlines", n -> lead + repeat("\n", n - lead.length() - 1) + ":");
            classes.put("lead '" + lead + "' repeated", n -> repeat(lead + " ", n));
            classes.put("lead '" + lead + "' glued", n -> repeat(lead, n));
            classes.put("lead '" + lead + "' comma-word", n -> repeat(lead + ",x ", n));
        }
        classes.put("newlines then colon", n -> repeat("\n", n - 1) + ":");
        classes.put("csv header then commas", n -> "id,city,state" + repeat(",", n - 13));
        classes.put("hex", n -> repeat("0123456789abcdef", n));
        classes.put("hex pairs spaced", n -> repeat("de ad be ef ", n));
        classes.put("0x hex", n -> repeat("0x4f,", n));
        classes.put("base64", n -> repeat("QUJDRGVmZ2hpamtsbW5vcA", n));
        classes.put("sha-256 lines", n -> repeat("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\n", n));
        classes.put("consecutive numbers", AdversarialTexts::numbers);
        classes.put("phone numbers", n -> repeat("+1 202 555 0143, ", n));
        classes.put("national phone numbers", n -> repeat("020 7946 0958 ", n));
        classes.put("digits spaced", n -> repeat("4 ", n));
        classes.put("card-like digits", n -> repeat("4111 1111 ", n));
        classes.put("e-mail with long domain", n -> "write to a@" + repeat("xy.", n - 14) + "com");
        classes.put("at signs and dots", n -> repeat("a@b.", n));
        classes.put("url with many segments", n -> "https://x.example/" + repeat("ab/", n - 18));
        classes.put("url credentials", n -> repeat("a://b:c@", n));
        classes.put("spelled letters", n -> repeat("i g n o r e ", n));
        classes.put("dotted letters", n -> repeat("s.y.s.t.e.m.", n));
        classes.put("leetspeak", n -> repeat("1gn0r3 ", n));
        classes.put("hexdump", AdversarialTexts::hexdump);
        classes.put("ipv6-like", n -> repeat("fe80::", n));
        classes.put("iban-like", n -> repeat("DE89 3704 ", n));
        classes.put("key words", n -> repeat("password token api_key secret ", n));
        classes.put("ssn words", n -> repeat("ssn 123 ", n));
        classes.put("placeholders", n -> repeat("<EMAIL_1", n));
        classes.put("random printable", AdversarialTexts::noise);
        // PII redaction and cache query reading
        classes.put("timestamps", n -> repeat("2024-03-05 12:30, ", n));
        classes.put("phone numbers with extensions", n -> repeat("+1 202 555 0143 ext. 12, ", n));
        classes.put("digits then spaces then an extension", n -> "202 555 0143" + repeat(" ", n - 20) + "ext 12");
        classes.put("combining marks", n -> "a" + repeat("\u0301\u0316", n - 1));
        classes.put("letter, combining marks, then a key", n -> "e" + repeat("\u0301", n - 60)
                + "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.Xy9Qz7Lm3Np8Rt2Vw6");
        classes.put("placeholder chain", n -> "<A" + repeat("_1", n - 2));
        classes.put("one and zeros", n -> "1" + repeat("0", n - 1));
        classes.put("signed ranges", n -> repeat("1-", n));
        classes.put("long word with dots", n -> repeat("ab.", n));
        classes.put("written dates", n -> repeat("the 5th of March 2024, ", n));
        classes.put("number words", n -> repeat("a hundred and twenty-five thousand ", n));
        classes.put("role words", n -> repeat("from the ", n));
        classes.put("opposite words", n -> repeat("installation uninstalled ", n));
        classes.put("capitalized names", AdversarialTexts::names);
        return classes;
    }

    /** @return the sizes the linearity tests use: 1, 8 and 64 KB; {@code LINEARITY_MAX_BYTES} adds a larger one (4194304) */
    public static List<Integer> sizes() {
        List<Integer> sizes = new ArrayList<>(List.of(1 << 10, 1 << 13, 1 << 16));
        String max = System.getenv("LINEARITY_MAX_BYTES");
        if (max != null) {
            sizes.add(Integer.parseInt(max));
        }
        return sizes;
    }

    private static String repeat(String unit, int length) {
        if (length <= 0) {
            return "";
        }
        StringBuilder out = new StringBuilder(length + unit.length());
        while (out.length() < length) {
            out.append(unit);
        }
        return out.toString();
    }

    private static String numbers(int length) {
        StringBuilder out = new StringBuilder(length + 8);
        for (int i = 0; out.length() < length; i++) {
            out.append(i).append(' ');
        }
        return out.toString();
    }

    private static String hexdump(int length) {
        StringBuilder out = new StringBuilder(length + 80);
        for (int i = 0; out.length() < length; i++) {
            out.append(String.format("%08x  de ad be ef 00 11 22 33  44 55 66 77 88 99 aa bb  |....ignore......|%n", i * 16));
        }
        return out.toString();
    }

    private static String names(int length) {
        StringBuilder out = new StringBuilder(length + 16);
        for (int i = 0; out.length() < length; i++) {
            out.append("Name").append(Integer.toString(i, 26).replace('0', 'z')).append(' ');
        }
        return out.toString();
    }

    private static String noise(int length) {
        Random random = new Random(length);
        StringBuilder out = new StringBuilder(length);
        while (out.length() < length) {
            out.append((char) (32 + random.nextInt(95)));
        }
        return out.toString();
    }

    private static String visible(String s) {
        return s.chars().allMatch(c -> c > 32 && c < 127) ? "'" + s + "'" : String.format("U+%04X", (int) s.charAt(0));
    }
}
