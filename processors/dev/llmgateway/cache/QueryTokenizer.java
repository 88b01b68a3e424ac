package dev.llmgateway.cache;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Splits a query into the tokens the near-miss guard reasons about. */
final class QueryTokenizer {

    private static final Pattern TOKEN = Pattern.compile(String.join("|",
            "(?<placeholder><[A-Z][A-Z_]*_\\d+>)",
            "(?<url>(?:https?://|www\\.)[^\\s\"'<>]+[^\\s\"'<>.,;:!?)])",
            "(?<email>[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+)",
            "(?<handle>[@#][\\p{L}\\p{N}_]+)",
            "(?<isodate>\\d{4}-\\d{2}-\\d{2})",
            "(?<time>\\d{1,2}:\\d{2}(?::\\d{2})?)",
            // a minus sign counts only where it cannot be a hyphen or a range: 2020-2021 is two numbers
            "(?<number>(?:(?<![\\p{L}\\p{N}])[-\u2212](?=\\d))?(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?)(?<suffix>\\p{L}+)?",
            "(?<word>\\p{L}[\\p{L}\\p{M}\\p{N}]*(?:['\u2019_./+-][\\p{L}\\p{N}]+)*(?:\\+\\+|#)?)",
            "(?<symbol>[$\u20ac\u00a3\u00a5\u20b9%\u00b0])",
            "(?<quote>[\"\u201c\u201d`])",
            "(?<end>[.?!;:\\n]+)"));

    private QueryTokenizer() {
    }

    static List<QueryToken> tokenize(String text) {
        List<QueryToken> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        boolean sentenceStart = true;
        while (m.find()) {
            QueryToken.Kind kind = kindOf(m);
            if (kind == QueryToken.Kind.END) {
                sentenceStart = true;
                tokens.add(new QueryToken(kind, m.group(), false));
                continue;
            }
            if (kind == QueryToken.Kind.NUMBER) {
                tokens.add(new QueryToken(kind, m.group("number"), sentenceStart));
                if (m.group("suffix") != null) {
                    tokens.add(new QueryToken(QueryToken.Kind.SUFFIX, m.group("suffix"), false));
                }
            } else {
                tokens.add(new QueryToken(kind, m.group(), sentenceStart));
            }
            if (kind != QueryToken.Kind.QUOTE) {
                sentenceStart = false;
            }
        }
        return tokens;
    }

    private static QueryToken.Kind kindOf(Matcher m) {
        if (m.group("placeholder") != null || m.group("url") != null || m.group("email") != null
                || m.group("handle") != null) {
            return QueryToken.Kind.NAME;
        }
        if (m.group("isodate") != null) {
            return QueryToken.Kind.ISO_DATE;
        }
        if (m.group("time") != null) {
            return QueryToken.Kind.TIME;
        }
        if (m.group("number") != null) {
            return QueryToken.Kind.NUMBER;
        }
        if (m.group("word") != null) {
            return QueryToken.Kind.WORD;
        }
        if (m.group("symbol") != null) {
            return QueryToken.Kind.SYMBOL;
        }
        return m.group("quote") != null ? QueryToken.Kind.QUOTE : QueryToken.Kind.END;
    }

    /**
     * One token.
     *
     * @param kind          what it is
     * @param text          as written
     * @param sentenceStart whether it opens a sentence (so its capital letter says nothing)
     */
    record QueryToken(Kind kind, String text, boolean sentenceStart) {

        String lower() {
            return text.toLowerCase(Locale.ROOT);
        }

        enum Kind {
            /** A word; may hold digits, dots or underscores (GPT-4, os.path, snake_case). */
            WORD,
            /** Digits, with thousands separators, decimals and a sign. */
            NUMBER,
            /** Letters written right after a number: 5km, 3rd, 10k, 2pm. */
            SUFFIX,
            /** An e-mail address, URL, @handle, #tag or PII placeholder: always a name. */
            NAME,
            ISO_DATE,
            TIME,
            /** A currency sign, %, or the degree sign. */
            SYMBOL,
            QUOTE,
            /** Sentence punctuation or a line break. */
            END
        }
    }
}
