package dev.llmgateway.cache;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pairs of opposite terms (install / uninstall, before / after, maximum / minimum), each side with its synonyms.
 * Embeddings put a question and its opposite very close; two queries that use opposite sides of a pair ask
 * different things. A term matches its inflections: install, installs, installed, installing, installation.
 * A word is compared only with the terms that start with its letter, each comparison in time bounded by the term.
 */
final class OppositeTerms {

    private static final List<Pair> PAIRS = new ArrayList<>();
    private static final Set<String> SUFFIXES = Set.of("s", "es", "d", "ed", "ing", "ion", "ions", "ation", "ations",
            "er", "ers", "ment", "ments", "ly", "al");
    private static final int LONGEST_SUFFIX = SUFFIXES.stream().mapToInt(String::length).max().orElseThrow();
    /** Every term by its first character, with the pair it belongs to and its side (1 or 2). */
    private static final Map<Character, List<Term>> TERMS_BY_FIRST = new HashMap<>();

    static {
        pair("increase raise grow boost rise gain higher upgrade", "decrease reduce lower shrink decline downgrade");
        pair("more greater larger bigger above over exceed maximum max most highest largest biggest greatest top upper",
                "less fewer smaller below under minimum min least fewest lowest smallest bottom");
        pair("before prior earlier until", "after later since following");
        pair("best better", "worst worse");
        pair("fast faster fastest quick quicker quickest", "slow slower slowest");
        pair("cheap cheaper cheapest inexpensive affordable", "expensive costly pricey");
        pair("old older oldest ancient", "newer newest young younger youngest latest");
        pair("first earliest initial", "last final");
        pair("buy purchase bought", "sell sold");
        pair("import", "export");
        pair("upload", "download");
        pair("send sent", "receive received");
        pair("enable activate", "disable deactivate");
        pair("start begin launch", "stop end finish terminate");
        pair("open", "close shut");
        pair("lock", "unlock");
        pair("install", "uninstall");
        pair("encrypt encode compress zip", "decrypt decode decompress unzip");
        pair("login signin", "logout signout");
        pair("subscribe", "unsubscribe");
        pair("connect", "disconnect");
        pair("allow permit accept approve grant", "deny block forbid reject refuse ban prohibit revoke");
        pair("include", "exclude");
        pair("add create insert", "delete remove drop erase destroy");
        pair("win won", "lose lost");
        pair("hire", "fire");
        pair("borrow", "lend");
        pair("north northern", "south southern");
        pair("east eastern", "west western");
        pair("left", "right");
        pair("input inbound incoming", "output outbound outgoing");
        pair("positive", "negative");
        pair("true", "false");
        pair("pro pros advantage benefit upside", "con cons disadvantage drawback downside");
        pair("male man men", "female woman women");
        pair("hot warm", "cold");
        pair("legal lawful", "illegal unlawful");
        pair("possible", "impossible");
        pair("available", "unavailable");
        pair("valid", "invalid");
        pair("safe", "unsafe dangerous");
        pair("healthy", "unhealthy");
        pair("correct", "incorrect wrong");
        pair("succeed success", "fail failure");
        pair("push", "pull");
        pair("ascending asc", "descending desc");
        pair("inner", "outer");
        pair("internal", "external");
        pair("public", "private");
        pair("plus", "minus subtract");
        pair("multiply", "divide");
        pair("horizontal", "vertical");
        pair("inside", "outside");
        pair("morning sunrise", "evening sunset");
        pair("light", "dark");
        pair("wet", "dry");
        pair("rich", "poor");
    }

    private OppositeTerms() {
    }

    private static void pair(String one, String other) {
        Pair pair = new Pair(List.of(one.split(" ")), List.of(other.split(" ")));
        for (String term : pair.one()) {
            TERMS_BY_FIRST.computeIfAbsent(term.charAt(0), c -> new ArrayList<>()).add(new Term(term, PAIRS.size(), 1));
        }
        for (String term : pair.other()) {
            TERMS_BY_FIRST.computeIfAbsent(term.charAt(0), c -> new ArrayList<>()).add(new Term(term, PAIRS.size(), 2));
        }
        PAIRS.add(pair);
    }

    static int pairCount() {
        return PAIRS.size();
    }

    /**
     * Marks in {@code sides} (indexed like the pairs) which sides of each pair the word belongs to: bit 1 for the
     * first side, bit 2 for the second.
     */
    static void mark(String lower, int[] sides) {
        if (lower.isEmpty()) {
            return;
        }
        // A term matches only words that start with its first letter (see matches).
        for (Term term : TERMS_BY_FIRST.getOrDefault(lower.charAt(0), List.of())) {
            if (matches(lower, term.text())) {
                sides[term.pair()] |= term.side();
            }
        }
    }

    /** Whether the word is the term or an inflection of it: a suffix after the term, its e dropped or its end doubled. */
    static boolean matches(String word, String term) {
        if (word.equals(term)) {
            return true;
        }
        if (word.length() <= term.length() - 1 || word.charAt(0) != term.charAt(0)) {
            return false;
        }
        String withoutE = term.endsWith("e") ? term.substring(0, term.length() - 1) : null;
        String doubled = term + term.charAt(term.length() - 1);
        return hasSuffixAfter(word, term) || withoutE != null && hasSuffixAfter(word, withoutE)
                || hasSuffixAfter(word, doubled);
    }

    private static boolean hasSuffixAfter(String word, String stem) {
        return word.length() > stem.length() && word.length() - stem.length() <= LONGEST_SUFFIX && word.startsWith(stem)
                && SUFFIXES.contains(word.substring(stem.length()));
    }

    private record Pair(List<String> one, List<String> other) {
    }

    private record Term(String text, int pair, int side) {
    }
}
