package dev.llmgateway.cache;

import java.util.HashMap;
import java.util.Map;

/** Numbers written as words: cardinals (twenty-five, a dozen), scales (1.5 million) and ordinals (third, 3rd). */
final class NumberWords {

    private static final Map<String, Integer> CARDINALS = new HashMap<>();
    private static final Map<String, Long> SCALES = Map.of("hundred", 100L, "thousand", 1_000L, "million", 1_000_000L,
            "billion", 1_000_000_000L, "trillion", 1_000_000_000_000L);
    private static final Map<String, Integer> ORDINALS = new HashMap<>();
    private static final Map<String, Long> SUFFIX_SCALES = Map.of("k", 1_000L, "mn", 1_000_000L, "bn", 1_000_000_000L);

    static {
        String[] small = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
                + "sixteen seventeen eighteen nineteen").split(" ");
        for (int i = 0; i < small.length; i++) {
            CARDINALS.put(small[i], i);
        }
        String[] tens = "twenty thirty forty fifty sixty seventy eighty ninety".split(" ");
        for (int i = 0; i < tens.length; i++) {
            CARDINALS.put(tens[i], 20 + 10 * i);
        }
        String[] ordinals = ("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
                + "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth").split(" ");
        for (int i = 0; i < ordinals.length; i++) {
            ORDINALS.put(ordinals[i], i + 1);
        }
    }

    private NumberWords() {
    }

    /** @return the value of a cardinal word (including "twenty-five"), or null */
    static Long cardinal(String word) {
        Integer single = CARDINALS.get(word);
        if (single != null) {
            return single.longValue();
        }
        int hyphen = word.indexOf('-');
        if (hyphen > 0) {
            Integer tens = CARDINALS.get(word.substring(0, hyphen));
            Integer ones = CARDINALS.get(word.substring(hyphen + 1));
            if (tens != null && ones != null && tens >= 20 && tens % 10 == 0 && ones >= 1 && ones <= 9) {
                return (long) tens + ones;
            }
        }
        return null;
    }

    /** @return the multiplier of a scale word (hundred, thousand, million, ...), or null */
    static Long scale(String word) {
        return SCALES.get(word);
    }

    /** @return the multiplier of a suffix written on a number (10k, 2bn), or null */
    static Long suffixScale(String suffix) {
        return SUFFIX_SCALES.get(suffix);
    }

    /** @return the position an ordinal word or suffixed number names (third, 3rd), or null */
    static Integer ordinal(String word) {
        return ORDINALS.get(word);
    }

    static boolean isOrdinalSuffix(String suffix) {
        return suffix.equals("st") || suffix.equals("nd") || suffix.equals("rd") || suffix.equals("th");
    }

    /** @return n where the scale is 10^n (every scale and suffix scale is a power of ten) */
    static int powerOfTen(long scale) {
        int power = 0;
        for (long rest = scale; rest > 1; rest /= 10) {
            if (rest % 10 != 0) {
                throw new IllegalArgumentException("not a power of ten: " + scale);
            }
            power++;
        }
        return power;
    }
}
