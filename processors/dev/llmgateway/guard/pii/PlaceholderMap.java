package dev.llmgateway.guard.pii;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The placeholders handed out for one request and the values behind them. The same value gets the same placeholder
 * every time, so a conversation that mentions one address twice still reads consistently. Not thread-safe: one
 * per request or stream.
 */
public class PlaceholderMap {

    /** Matches any placeholder this class hands out (RE2/J: linear in the answer's length, however it is written). */
    public static final Pattern PLACEHOLDER = Pattern.compile("<([A-Z0-9]+(?:_[A-Z0-9]+)*)_(\\d{1,6})>");
    /** The longest placeholder text, for bounding the look-ahead of streaming restoration. */
    public static final int MAX_PLACEHOLDER_LENGTH = 32;

    private final Map<String, String> placeholderByValue = new HashMap<>();
    private final Map<String, String> valueByPlaceholder = new LinkedHashMap<>();
    private final Map<PiiType, Integer> counters = new EnumMap<>(PiiType.class);

    public String placeholderFor(PiiType type, String value) {
        String key = type.name() + '\u0000' + value;
        String placeholder = placeholderByValue.get(key);
        if (placeholder == null) {
            int number = counters.merge(type, 1, Integer::sum);
            placeholder = "<" + type.label() + "_" + number + ">";
            placeholderByValue.put(key, placeholder);
            valueByPlaceholder.put(placeholder, value);
        }
        return placeholder;
    }

    /** @return placeholder to original value, in the order handed out */
    public Map<String, String> values() {
        return Map.copyOf(valueByPlaceholder);
    }

    /** @return how many distinct values of each type were replaced */
    public Map<PiiType, Integer> counts() {
        return Map.copyOf(counters);
    }

    public boolean isEmpty() {
        return valueByPlaceholder.isEmpty();
    }

    /** @return the text with every placeholder of this map replaced by its value; unknown placeholders stay as they are */
    public String restore(String text) {
        if (text == null || valueByPlaceholder.isEmpty()) {
            return text;
        }
        return restore((CharSequence) text);
    }

    /** The same for any text, e.g. one whose reads are counted. */
    String restore(CharSequence text) {
        StringBuilder out = new StringBuilder(text.length());
        Matcher matcher = PLACEHOLDER.matcher(text);
        int position = 0;
        while (matcher.find()) {
            String placeholder = matcher.group();
            String value = valueByPlaceholder.get(placeholder);
            if (value != null) {
                out.append(text, position, matcher.start()).append(value);
                position = matcher.end();
            }
        }
        return out.append(text, position, text.length()).toString();
    }
}
