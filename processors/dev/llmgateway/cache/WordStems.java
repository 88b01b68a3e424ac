package dev.llmgateway.cache;

/**
 * A light English stemmer: enough that two queries using one word in another inflection (score / scores, change /
 * changing / changed, policy / policies) compare equal. Both queries go through it, so consistency matters more than
 * linguistic accuracy; it never looks at more than the word's last few letters.
 */
final class WordStems {

    private static final int SHORTEST_STEM = 3;

    private WordStems() {
    }

    static String stem(String lower) {
        String word = lower;
        if (word.endsWith("ies") && word.length() > SHORTEST_STEM + 2) {
            word = word.substring(0, word.length() - 3) + "y";
        } else if (word.endsWith("ied") && word.length() > SHORTEST_STEM + 2) {
            word = word.substring(0, word.length() - 3) + "y";
        } else if (endsWithAny(word, "sses", "xes", "ches", "shes", "zes")) {
            word = word.substring(0, word.length() - 2);
        } else if (word.endsWith("s") && !endsWithAny(word, "ss", "us", "is") && word.length() > SHORTEST_STEM) {
            word = word.substring(0, word.length() - 1);
        } else if (word.endsWith("ing") && word.length() > SHORTEST_STEM + 3) {
            word = undoubled(word.substring(0, word.length() - 3));
        } else if (word.endsWith("ed") && word.length() > SHORTEST_STEM + 1) {
            word = undoubled(word.substring(0, word.length() - 2));
        }
        return word.length() > SHORTEST_STEM && word.endsWith("e") ? word.substring(0, word.length() - 1) : word;
    }

    private static boolean endsWithAny(String word, String... endings) {
        for (String ending : endings) {
            if (word.endsWith(ending)) {
                return true;
            }
        }
        return false;
    }

    /** running: runn: run; but not fall, miss, buzz (doubled l, s, z are stems' own). */
    private static String undoubled(String stem) {
        int n = stem.length();
        if (n > SHORTEST_STEM && stem.charAt(n - 1) == stem.charAt(n - 2) && "lsz".indexOf(stem.charAt(n - 1)) < 0
                && !isVowel(stem.charAt(n - 1))) {
            return stem.substring(0, n - 1);
        }
        return stem;
    }

    private static boolean isVowel(char c) {
        return "aeiou".indexOf(c) >= 0;
    }
}
