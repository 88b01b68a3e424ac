package dev.llmgateway.cache;

import dev.llmgateway.chat.GatewayException;
import java.util.Locale;
import org.apache.camel.Message;

/**
 * What the request asks of the cache. {@code Cache-Control: no-cache} skips the lookup (the answer is still stored),
 * {@code no-store} skips lookup and store; {@code x-llmgateway-cache-threshold} sets the similarity a semantic match
 * needs, between the operator's floor and 1.
 *
 * @param noCache   do not serve from the cache
 * @param noStore   neither serve from nor store into the cache
 * @param threshold the similarity a semantic match needs for this request
 */
public record CacheDirectives(boolean noCache, boolean noStore, double threshold) {

    public static final String THRESHOLD_HEADER = "x-llmgateway-cache-threshold";

    /**
     * @param teamThreshold the threshold when the request gives none
     * @param floor         the lowest threshold a request may ask for
     * @throws GatewayException 400 when the threshold header is not a number in [floor, 1]
     */
    public static CacheDirectives read(Message request, double teamThreshold, double floor) {
        boolean noCache = false;
        boolean noStore = false;
        for (String directive : headerText(request, "Cache-Control").split(",")) {
            String name = directive.strip().toLowerCase(Locale.ROOT);
            int equals = name.indexOf('=');
            name = equals >= 0 ? name.substring(0, equals).strip() : name;
            noCache |= name.equals("no-cache");
            noStore |= name.equals("no-store");
        }
        String asked = headerText(request, THRESHOLD_HEADER).strip();
        double threshold = asked.isEmpty() ? teamThreshold : threshold(asked, floor);
        return new CacheDirectives(noCache || noStore, noStore, threshold);
    }

    private static double threshold(String asked, double floor) {
        double value;
        try {
            value = Double.parseDouble(asked);
        } catch (NumberFormatException e) {
            value = Double.NaN;
        }
        if (!(value >= floor && value <= 1) || !asked.matches("[0-9.]+")) {
            throw GatewayException.invalidRequest("invalid_cache_threshold", THRESHOLD_HEADER + " must be a number from "
                    + floor + " to 1 (the cosine similarity a cached answer needs to be served), got '"
                    + (asked.length() > 40 ? asked.substring(0, 40) + "..." : asked) + "'.");
        }
        return value;
    }

    /** A header's value as text; repeated headers are joined with commas, as HTTP allows. */
    private static String headerText(Message request, String name) {
        Object value = request.getHeader(name);
        if (value == null) {
            return "";
        }
        if (value instanceof Iterable<?> values) {
            StringBuilder joined = new StringBuilder();
            values.forEach(v -> joined.append(joined.isEmpty() ? "" : ",").append(v));
            return joined.toString();
        }
        return value.toString();
    }
}
