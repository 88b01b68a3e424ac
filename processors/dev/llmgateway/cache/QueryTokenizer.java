package dev.llmgateway.cache;

import dev.llmgateway.guard.text.InspectionBudget;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a query into the tokens the near-miss guard reasons about. It is a hand-written scanner for what was one
 * java.util.regex alternation, and finds the same tokens (Java's Unicode categories, ASCII {@code \d \w \s}, the
 * first alternative that matches at the leftmost position):
 * <pre>
 * placeholder  &lt;[A-Z][A-Z_]*_\d+&gt;
 * url          (?:https?://|www\.)[^\s"'&lt;&gt;]+[^\s"'&lt;&gt;.,;:!?)]
 * email        [\w.+-]+@[\w-]+(?:\.[\w-]+)+
 * handle       [@#][\p{L}\p{N}_]+
 * isodate      \d{4}-\d{2}-\d{2}
 * time         \d{1,2}:\d{2}(?::\d{2})?
 * number       (?:(?&lt;![\p{L}\p{N}])[-\u2212](?=\d))?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?  then suffix \p{L}+ (optional)
 * word         \p{L}[\p{L}\p{M}\p{N}]*(?:['\u2019_./+-][\p{L}\p{N}]+)*(?:\+\+|#)?
 * symbol       [$\u20ac\u00a3\u00a5\u20b9%\u00b0]
 * quote        ["\u201c\u201d`]
 * end          [.?!;:\n]+
 * </pre>
 * None of these needs to look back once it has read on: each greedy part ends where its characters end. A regex
 * engine, even a linear one, settles each token only once the e-mail alternative begun at it has run to the end of
 * its run of characters, so a long run of them (hex, 1-2-3-...) cost the square of its length in tokens; here a run
 * is measured once. Every character read is charged to the {@link InspectionBudget}.
 */
final class QueryTokenizer {

    private static final String WORD_SEPARATORS = "'\u2019_./+-";
    private static final String SYMBOLS = "$\u20ac\u00a3\u00a5\u20b9%\u00b0";
    private static final String QUOTES = "\"\u201c\u201d`";
    private static final String ENDS = ".?!;:\n";
    private static final String URL_LAST_EXCLUDED = ".,;:!?)";

    private final CharSequence text;
    private final int length;
    private final InspectionBudget budget;
    /** The run of e-mail local-part characters last measured, and what follows it. */
    private int localRunStart = -1;
    private int localRunEnd = -1;
    private int emailEnd = -1;

    private QueryTokenizer(CharSequence text, InspectionBudget budget) {
        this.text = text;
        this.length = text.length();
        this.budget = budget;
    }

    static List<QueryToken> tokenize(String text, InspectionBudget budget) {
        return new QueryTokenizer(budget.meter(text), budget).tokens();
    }

    private List<QueryToken> tokens() {
        List<QueryToken> tokens = new ArrayList<>();
        boolean sentenceStart = true;
        int at = 0;
        while (at < length) {
            int c = Character.codePointAt(text, at);
            QueryToken.Kind kind = null;
            int end = -1;
            int suffixStart = -1;
            if ((end = placeholder(at, c)) > 0 || (end = url(at, c)) > 0 || (end = email(at, c)) > 0
                    || (end = handle(at, c)) > 0) {
                kind = QueryToken.Kind.NAME;
            } else if ((end = isoDate(at)) > 0) {
                kind = QueryToken.Kind.ISO_DATE;
            } else if ((end = time(at)) > 0) {
                kind = QueryToken.Kind.TIME;
            } else if ((suffixStart = number(at, c)) > 0) {
                kind = QueryToken.Kind.NUMBER;
                end = run(suffixStart, QueryTokenizer::isLetter);
            } else if ((end = word(at, c)) > 0) {
                kind = QueryToken.Kind.WORD;
            } else if (SYMBOLS.indexOf(c) >= 0) {
                kind = QueryToken.Kind.SYMBOL;
                end = at + 1;
            } else if (QUOTES.indexOf(c) >= 0) {
                kind = QueryToken.Kind.QUOTE;
                end = at + 1;
            } else if (ENDS.indexOf(c) >= 0) {
                kind = QueryToken.Kind.END;
                end = run(at, ch -> ENDS.indexOf(ch) >= 0);
            }
            if (kind == null) {
                // No token starts here (nor inside a surrogate pair, as none starts with a low surrogate).
                at++;
                continue;
            }
            // Each token is copied, lower-cased once and read a few times more (digits, capitals, possessives).
            budget.charge(4L * (end - at));
            if (kind == QueryToken.Kind.END) {
                sentenceStart = true;
                tokens.add(new QueryToken(kind, text.subSequence(at, end).toString(), false));
            } else {
                if (kind == QueryToken.Kind.NUMBER) {
                    tokens.add(new QueryToken(kind, text.subSequence(at, suffixStart).toString(), sentenceStart));
                    if (end > suffixStart) {
                        tokens.add(new QueryToken(QueryToken.Kind.SUFFIX, text.subSequence(suffixStart, end).toString(), false));
                    }
                } else {
                    tokens.add(new QueryToken(kind, text.subSequence(at, end).toString(), sentenceStart));
                }
                if (kind != QueryToken.Kind.QUOTE) {
                    sentenceStart = false;
                }
            }
            at = end;
        }
        return tokens;
    }

    /** {@code <[A-Z][A-Z_]*_\d+>}: the [A-Z_] run must end with the underscore before the digits. */
    private int placeholder(int at, int c) {
        if (c != '<' || !isCapital(charAt(at + 1))) {
            return -1;
        }
        int runEnd = run(at + 2, QueryTokenizer::isCapitalOrUnderscore);
        if (runEnd == at + 2 || text.charAt(runEnd - 1) != '_') {
            return -1;
        }
        int digitsEnd = run(runEnd, QueryTokenizer::isDigit);
        return digitsEnd > runEnd && charAt(digitsEnd) == '>' ? digitsEnd + 1 : -1;
    }

    /** {@code (?:https?://|www\.)[^\s"'<>]+[^\s"'<>.,;:!?)]}: the run back to its last character that may end a URL. */
    private int url(int at, int c) {
        int rest;
        if (c == 'h' && startsWith(at, "https://")) {
            rest = at + 8;
        } else if (c == 'h' && startsWith(at, "http://")) {
            rest = at + 7;
        } else if (c == 'w' && startsWith(at, "www.")) {
            rest = at + 4;
        } else {
            return -1;
        }
        int end = -1;
        int i = rest;
        while (i < length) {
            int ch = Character.codePointAt(text, i);
            if (isRegexSpace(ch) || ch == '"' || ch == '\'' || ch == '<' || ch == '>') {
                break;
            }
            int next = i + Character.charCount(ch);
            if (i > rest && URL_LAST_EXCLUDED.indexOf(ch) < 0) {
                end = next;
            }
            i = next;
        }
        return end;
    }

    /**
     * {@code [\w.+-]+@[\w-]+(?:\.[\w-]+)+}: the local part is the whole run of its characters from here (none is an @),
     * measured once for all the positions in it, as is the domain after it.
     */
    private int email(int at, int c) {
        if (!isLocalPart(c)) {
            return -1;
        }
        if (at < localRunStart || at >= localRunEnd) {
            localRunStart = at;
            localRunEnd = run(at, QueryTokenizer::isLocalPart);
            emailEnd = charAt(localRunEnd) == '@' ? domainEnd(localRunEnd + 1) : -1;
        }
        return emailEnd;
    }

    /** {@code [\w-]+(?:\.[\w-]+)+} from {@code at}, greedy, or -1. */
    private int domainEnd(int at) {
        int end = run(at, QueryTokenizer::isDomain);
        if (end == at) {
            return -1;
        }
        int labels = 0;
        while (charAt(end) == '.' && isDomain(charAt(end + 1))) {
            end = run(end + 1, QueryTokenizer::isDomain);
            labels++;
        }
        return labels > 0 ? end : -1;
    }

    /** {@code [@#][\p{L}\p{N}_]+} */
    private int handle(int at, int c) {
        if (c != '@' && c != '#') {
            return -1;
        }
        int end = run(at + 1, ch -> isLetterOrNumber(ch) || ch == '_');
        return end > at + 1 ? end : -1;
    }

    /** {@code \d{4}-\d{2}-\d{2}} */
    private int isoDate(int at) {
        return digits(at, 4) && charAt(at + 4) == '-' && digits(at + 5, 2) && charAt(at + 7) == '-' && digits(at + 8, 2)
                ? at + 10 : -1;
    }

    /** {@code \d{1,2}:\d{2}(?::\d{2})?}, two digits before the colon tried first. */
    private int time(int at) {
        int end;
        if (digits(at, 2) && charAt(at + 2) == ':' && digits(at + 3, 2)) {
            end = at + 5;
        } else if (digits(at, 1) && charAt(at + 1) == ':' && digits(at + 2, 2)) {
            end = at + 4;
        } else {
            return -1;
        }
        return charAt(end) == ':' && digits(end + 1, 2) ? end + 3 : end;
    }

    /**
     * {@code (?:(?<![\p{L}\p{N}])[-\u2212](?=\d))?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?}
     *
     * @return where the number ends (and its suffix, if any, starts), or -1
     */
    private int number(int at, int c) {
        int digitsStart = at;
        if (c == '-' || c == '\u2212') {
            if (!signAllowed(at) || !isDigit(charAt(at + 1))) {
                return -1;
            }
            digitsStart = at + 1;
        } else if (!isDigit(c)) {
            return -1;
        }
        int digitsEnd = run(digitsStart, QueryTokenizer::isDigit);
        int end = digitsEnd;
        if (digitsEnd - digitsStart <= 3) {
            // \d{1,3}(?:,\d{3})+ takes every group of three that follows; \d+ only when there is none
            while (charAt(end) == ',' && digits(end + 1, 3)) {
                end += 4;
            }
        }
        if (charAt(end) == '.' && isDigit(charAt(end + 1))) {
            end = run(end + 1, QueryTokenizer::isDigit);
        }
        return end;
    }

    /**
     * java.util.regex's {@code (?<![\p{L}\p{N}])} before a minus sign at {@code start}. Like it, this looks at the one
     * char before: the low half of a surrogate pair is neither, whatever the pair is.
     */
    private boolean signAllowed(int start) {
        return start == 0 || !isLetterOrNumber(text.charAt(start - 1));
    }

    /** {@code \p{L}[\p{L}\p{M}\p{N}]*(?:['\u2019_./+-][\p{L}\p{N}]+)*(?:\+\+|#)?} */
    private int word(int at, int c) {
        if (!isLetter(c)) {
            return -1;
        }
        int end = run(at + Character.charCount(c), ch -> isLetterOrNumber(ch) || isMark(ch));
        while (end < length && WORD_SEPARATORS.indexOf(text.charAt(end)) >= 0 && end + 1 < length
                && isLetterOrNumber(Character.codePointAt(text, end + 1))) {
            end = run(end + 1, QueryTokenizer::isLetterOrNumber);
        }
        if (charAt(end) == '+' && charAt(end + 1) == '+') {
            return end + 2;
        }
        return charAt(end) == '#' ? end + 1 : end;
    }

    /** @return where the run of code points the test accepts, from {@code at}, ends */
    private int run(int at, java.util.function.IntPredicate accepts) {
        int i = at;
        while (i < length) {
            int ch = Character.codePointAt(text, i);
            if (!accepts.test(ch)) {
                break;
            }
            i += Character.charCount(ch);
        }
        return i;
    }

    /** Whether {@code count} ASCII digits start at {@code at}. */
    private boolean digits(int at, int count) {
        for (int i = at; i < at + count; i++) {
            if (!isDigit(charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private boolean startsWith(int at, String literal) {
        for (int i = 0; i < literal.length(); i++) {
            if (charAt(at + i) != literal.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** @return the char at the index, or -1 past the end */
    private int charAt(int index) {
        return index < length ? text.charAt(index) : -1;
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isCapital(int c) {
        return c >= 'A' && c <= 'Z';
    }

    private static boolean isCapitalOrUnderscore(int c) {
        return isCapital(c) || c == '_';
    }

    /** {@code \w} */
    private static boolean isWordCharacter(int c) {
        return c >= 'a' && c <= 'z' || isCapital(c) || isDigit(c) || c == '_';
    }

    /** {@code [\w.+-]} */
    private static boolean isLocalPart(int c) {
        return isWordCharacter(c) || c == '.' || c == '+' || c == '-';
    }

    /** {@code [\w-]} */
    private static boolean isDomain(int c) {
        return isWordCharacter(c) || c == '-';
    }

    /** java.util.regex's {@code \s}. */
    private static boolean isRegexSpace(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    /** {@code \p{L}} */
    private static boolean isLetter(int c) {
        return c >= 0 && Character.isLetter(c);
    }

    /** {@code [\p{L}\p{N}]} */
    private static boolean isLetterOrNumber(int c) {
        if (c < 0) {
            return false;
        }
        int type = Character.getType(c);
        return Character.isLetter(c) || type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }

    /** {@code \p{M}} */
    private static boolean isMark(int c) {
        int type = Character.getType(c);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK || type == Character.ENCLOSING_MARK;
    }

    /**
     * One token.
     *
     * @param kind          what it is
     * @param text          as written
     * @param sentenceStart whether it opens a sentence (so its capital letter says nothing)
     * @param lower         the text lower-cased, once
     */
    record QueryToken(Kind kind, String text, boolean sentenceStart, String lower) {

        QueryToken(Kind kind, String text, boolean sentenceStart) {
            this(kind, text, sentenceStart, text.toLowerCase(Locale.ROOT));
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
