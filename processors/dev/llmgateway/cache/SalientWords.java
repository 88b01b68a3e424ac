package dev.llmgateway.cache;

import java.util.List;

/**
 * What a query says about who, how much, when and which way, read from its words; and what it is about (its content
 * words). Embeddings barely move when these change ("my usage" / "our usage", "daily" / "weekly", "A of B" / "B of A").
 *
 * @param mood      {@value #YES_NO} for a question asking yes or no (is milk on my list?), {@value #QUESTION} for
 *                  one starting with a question word or a modal (what is, can I), {@value #OTHER} for a request or a
 *                  statement (put milk on my list)
 * @param persons   the persons the query speaks of, each once, in the order they first appear: 1s (I, my), 1p (we,
 *                  our), 2 (you), 3s, 3p; pronouns that only frame the request (tell me, I want to know, can you show)
 *                  are left out
 * @param scopes    "all" (all, every, entire, company-wide) and "part" (some, only, subset), each once, sorted
 * @param periods   times of day and frequencies, each once, sorted: "time:evening", "every:week" (weekly, per
 *                  week, every week)
 * @param relations what relation words join, as stems: "population>of>capital", "miles>to>km"
 * @param content   the stems of the content words (not function words, framing verbs, persons, scopes, periods or
 *                  numbers), in order
 * @param adjacent  content words that stand next to each other, as "first second" stems: what a word modifies
 */
record SalientWords(String mood, List<String> persons, List<String> scopes, List<String> periods,
                    List<String> relations, List<String> content, List<String> adjacent) {

    static final String YES_NO = "yes-no";
    static final String QUESTION = "question";
    static final String OTHER = "other";
}
