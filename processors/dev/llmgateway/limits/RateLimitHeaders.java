package dev.llmgateway.limits;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * OpenAI's rate-limit headers for one call: per dimension, the limit the client is closest to (or the one that
 * refused it), what is left of it, and how long until it is full again (x-ratelimit-reset-requests: 1s, 6m0s).
 */
public final class RateLimitHeaders {

    private RateLimitHeaders() {
    }

    public static Map<String, String> of(RateCheck check) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (RateDimension dimension : RateDimension.values()) {
            check.tightest(dimension).ifPresent(outcome -> {
                headers.put("x-ratelimit-limit-" + dimension.word(), Long.toString(outcome.limit().perMinute()));
                headers.put("x-ratelimit-remaining-" + dimension.word(), Long.toString(check.remainingAfter(outcome)));
                headers.put("x-ratelimit-reset-" + dimension.word(),
                        duration(outcome.probe().getNanosToWaitForReset()));
            });
        }
        return headers;
    }

    /** @return a duration as OpenAI writes it: 250ms, 1s, 1.5s, 6m0s, 1h2m3s */
    static String duration(long nanos) {
        long ms = TimeUnit.NANOSECONDS.toMillis(Math.max(0, nanos));
        if (ms < 1000) {
            return ms + "ms";
        }
        long hours = ms / 3_600_000;
        long minutes = ms / 60_000 % 60;
        long millisOfMinute = ms % 60_000;
        String seconds = millisOfMinute % 1000 == 0 ? Long.toString(millisOfMinute / 1000)
                : stripZeros(String.format(java.util.Locale.ROOT, "%.3f", millisOfMinute / 1000.0));
        if (hours > 0) {
            return hours + "h" + minutes + "m" + seconds + "s";
        }
        return minutes > 0 ? minutes + "m" + seconds + "s" : seconds + "s";
    }

    private static String stripZeros(String decimal) {
        return decimal.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
