package dev.llmgateway.guard.tokens;

import dev.llmgateway.chat.PromptTokenCount;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Works out a {@link FamilyMargin#multiplier()} from real traffic: feed it, per answered request, the raw
 * cl100k_base count ({@link PromptTokenCount#rawTokens()}) and the input tokens the upstream reported, and it
 * gives the ratio that covers a chosen share of the observations. Thread-safe.
 */
public class TokenMarginCalibrator {

    private final List<Double> ratios = new ArrayList<>();

    /** Records one request; requests with no countable text are ignored. */
    public synchronized void observe(int rawTokens, int reportedInputTokens) {
        if (rawTokens > 0 && reportedInputTokens > 0) {
            ratios.add((double) reportedInputTokens / rawTokens);
        }
    }

    public synchronized int observations() {
        return ratios.size();
    }

    /**
     * @param coverage share of observations the multiplier must cover, e.g. 0.99
     * @return the smallest reported/raw ratio at or above that share of observations
     */
    public synchronized double multiplierCovering(double coverage) {
        if (ratios.isEmpty()) {
            throw new IllegalStateException("no observations yet: feed the calibrator answered requests first");
        }
        if (coverage <= 0 || coverage > 1) {
            throw new IllegalArgumentException("coverage must be in (0, 1], got " + coverage);
        }
        double[] sorted = ratios.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(coverage * sorted.length) - 1;
        return sorted[Math.max(0, index)];
    }
}
