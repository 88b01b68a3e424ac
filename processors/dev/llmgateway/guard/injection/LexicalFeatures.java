package dev.llmgateway.guard.injection;

import java.util.Arrays;

/**
 * The lexical features of a text, hashed into {@code 2^bits} buckets: the character 3- to 5-grams of each word (the word
 * lower-cased and padded with a space on each side, so that starts and ends of words count apart), each word, each
 * pair of adjacent words, and the first word of each sentence or line but the text's first (an instruction planted in
 * the middle of a text starts one). A word is a run of letters and digits. {@link #counted} gives each bucket
 * log(1 + its count); {@link #weighted} multiplies that by the bucket's inverse document frequency and scales the
 * vector to unit length, so that n-grams every text has weigh less than those that tell texts apart. One pass over the
 * text, and a table no larger than the number of n-grams: linear in the text's length.
 */
record LexicalFeatures(int[] buckets, float[] values) {

    private static final int FNV_OFFSET = 0x811c9dc5;
    private static final int FNV_PRIME = 0x01000193;
    private static final int MIN_GRAM = 3;
    private static final int MAX_GRAM = 5;

    static LexicalFeatures counted(CharSequence text, int bits) {
        Counts counts = new Counts(Math.max(16, text.length() * 2));
        int mask = (1 << bits) - 1;
        StringBuilder word = new StringBuilder();
        int previousWord = 0;
        boolean hasPrevious = false;
        boolean sentenceStart = false;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : ' ';
            if (Character.isLetterOrDigit(c)) {
                word.append(Character.toLowerCase(c));
                continue;
            }
            if (word.length() == 0) {
                sentenceStart |= hasPrevious && endsSentence(c);
                continue;
            }
            int wordHash = hash(FNV_OFFSET ^ 'w', word, 0, word.length());
            counts.add(wordHash & mask);
            if (sentenceStart) {
                counts.add(hash(FNV_OFFSET ^ 's', word, 0, word.length()) & mask);
            }
            sentenceStart = endsSentence(c);
            if (hasPrevious) {
                counts.add(mix(previousWord, wordHash) & mask);
            }
            previousWord = wordHash;
            hasPrevious = true;
            addCharacterGrams(word, counts, mask);
            word.setLength(0);
        }
        return counts.toFeatures();
    }

    /** @return these features times each bucket's inverse document frequency, scaled to unit length */
    LexicalFeatures weighted(float[] inverseDocumentFrequency) {
        float[] weighted = new float[values.length];
        double norm = 0;
        for (int i = 0; i < values.length; i++) {
            weighted[i] = values[i] * inverseDocumentFrequency[buckets[i]];
            norm += (double) weighted[i] * weighted[i];
        }
        float scale = norm == 0 ? 0 : (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < weighted.length; i++) {
            weighted[i] *= scale;
        }
        return new LexicalFeatures(buckets, weighted);
    }

    private static boolean endsSentence(char c) {
        return c == '.' || c == '!' || c == '?' || c == '\n';
    }

    private static void addCharacterGrams(StringBuilder word, Counts counts, int mask) {
        String padded = " " + word + " ";
        for (int n = MIN_GRAM; n <= MAX_GRAM; n++) {
            for (int start = 0; start + n <= padded.length(); start++) {
                counts.add(hash(FNV_OFFSET ^ n, padded, start, start + n) & mask);
            }
            if (padded.length() < n) {
                break;
            }
        }
    }

    /** 32-bit FNV-1a over the characters, starting from a seed that tells the kinds of feature apart. */
    private static int hash(int seed, CharSequence chars, int from, int to) {
        int h = seed;
        for (int i = from; i < to; i++) {
            h ^= chars.charAt(i);
            h *= FNV_PRIME;
        }
        return h;
    }

    private static int mix(int first, int second) {
        int h = (FNV_OFFSET ^ 'b') ^ first;
        h *= FNV_PRIME;
        h ^= second;
        h *= FNV_PRIME;
        return h;
    }

    /** @return the weights' dot product with these features */
    double dot(float[] weights) {
        double sum = 0;
        for (int i = 0; i < buckets.length; i++) {
            sum += weights[buckets[i]] * values[i];
        }
        return sum;
    }

    /** Counts per bucket in an open-addressing table (buckets are non-negative; -1 marks a free slot). */
    private static final class Counts {

        private int[] keys;
        private int[] counts;
        private int size;

        Counts(int expected) {
            int capacity = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) * 2;
            keys = new int[capacity];
            counts = new int[capacity];
            Arrays.fill(keys, -1);
        }

        void add(int bucket) {
            if (size * 2 >= keys.length) {
                grow();
            }
            int slot = slotOf(keys, bucket);
            if (keys[slot] < 0) {
                keys[slot] = bucket;
                size++;
            }
            counts[slot]++;
        }

        private static int slotOf(int[] keys, int bucket) {
            int slot = (bucket * 0x9E3779B9 >>> 1) & (keys.length - 1);
            while (keys[slot] >= 0 && keys[slot] != bucket) {
                slot = (slot + 1) & (keys.length - 1);
            }
            return slot;
        }

        private void grow() {
            int[] oldKeys = keys;
            int[] oldCounts = counts;
            keys = new int[oldKeys.length * 2];
            counts = new int[oldKeys.length * 2];
            Arrays.fill(keys, -1);
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] >= 0) {
                    int slot = slotOf(keys, oldKeys[i]);
                    keys[slot] = oldKeys[i];
                    counts[slot] = oldCounts[i];
                }
            }
        }

        LexicalFeatures toFeatures() {
            int[] buckets = new int[size];
            float[] values = new float[size];
            int n = 0;
            for (int i = 0; i < keys.length; i++) {
                if (keys[i] >= 0) {
                    buckets[n] = keys[i];
                    values[n++] = (float) Math.log1p(counts[i]);
                }
            }
            return new LexicalFeatures(buckets, values);
        }
    }
}
