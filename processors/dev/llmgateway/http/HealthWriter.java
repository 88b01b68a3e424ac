package dev.llmgateway.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Answers the health probes. Liveness says the process serves HTTP; readiness runs every check it is given (the
 * gateway registers one, the upstream) and answers 503 with the failing ones named while any fails.
 */
public class HealthWriter implements Processor {

    private final List<ReadinessCheck> checks;

    /** @param checks the readiness checks; none for a liveness probe */
    public HealthWriter(List<ReadinessCheck> checks) {
        this.checks = List.copyOf(checks);
    }

    @Override
    public void process(Exchange exchange) {
        Map<String, String> results = new LinkedHashMap<>();
        boolean allUp = true;
        for (ReadinessCheck check : checks) {
            boolean up = usable(check);
            results.put(check.name(), up ? "UP" : "DOWN");
            allUp &= up;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", allUp ? "UP" : "DOWN");
        if (!results.isEmpty()) {
            body.put("checks", results);
        }
        JsonResponses.write(exchange, allUp ? 200 : 503, body);
    }

    private static boolean usable(ReadinessCheck check) {
        try {
            return check.isUsable().getAsBoolean();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
