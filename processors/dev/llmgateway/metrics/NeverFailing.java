package dev.llmgateway.metrics;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs metric updates so that a failing one is logged and forgotten: metrics must never fail a request. */
final class NeverFailing {

    private static final Logger LOG = LoggerFactory.getLogger(NeverFailing.class);

    private NeverFailing() {
    }

    static void run(String what, Runnable update) {
        try {
            update.run();
        } catch (RuntimeException e) {
            LOG.warn("Metrics: updating {} failed: {}", what, e.toString());
        }
    }
}
