package dev.llmgateway.http;

import dev.llmgateway.bedrock.UpstreamErrors;
import dev.llmgateway.chat.GatewayCall;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.guard.pii.FailClosedLogRedactor;
import dev.llmgateway.guard.pii.PiiSettings;
import dev.llmgateway.guard.pii.RedactedThrowable;
import dev.llmgateway.store.StorageException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what a failed exchange tells its client: the {@link GatewayException} a step threw, the mapping of
 * an upstream failure, or, for anything unexpected, a 500 naming the request id (the trace goes to the log,
 * never to the client).
 */
public final class ErrorClassifier {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorClassifier.class);
    private static final FailClosedLogRedactor LOG_REDACTOR = new FailClosedLogRedactor(PiiSettings.defaults());
    private static final int MAX_KINDS_LOGGED = 1_000;
    private static final Set<String> KINDS_LOGGED = ConcurrentHashMap.newKeySet();

    private ErrorClassifier() {
    }

    /** Classifies the failure once and remembers the answer in the {@link GatewayCall} for the call record. */
    public static GatewayException classify(Exchange exchange) {
        GatewayCall call = GatewayCall.find(exchange);
        if (call == null) {
            return classifyCaught(exchange, null);
        }
        if (call.error() == null) {
            call.fail(classifyCaught(exchange, call.requestId()));
        }
        return call.error();
    }

    /**
     * One line per request, with its id; the stack trace only for the first failure of its kind (class and the frame
     * it was thrown from), so a client repeating a failing request cannot fill the log with traces.
     */
    private static void logUnexpected(String requestId, Throwable failure) {
        Throwable root = failure;
        while (root != null && root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String kind = root == null ? "unknown" : root.getClass().getName()
                + (root.getStackTrace().length > 0 ? " at " + root.getStackTrace()[0] : "");
        boolean first = KINDS_LOGGED.size() < MAX_KINDS_LOGGED && KINDS_LOGGED.add(kind);
        if (first) {
            LOG.error("Request {} failed unexpectedly ({}); the trace of the first failure of this kind follows", requestId,
                    kind, failure == null ? null : RedactedThrowable.of(failure, LOG_REDACTOR));
        } else {
            LOG.error("Request {} failed unexpectedly ({}); its trace was logged at the first failure of this kind",
                    requestId, kind);
        }
    }

    private static boolean causedByStorage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof StorageException || t instanceof java.sql.SQLException) {
                return true;
            }
        }
        return false;
    }

    private static GatewayException classifyCaught(Exchange exchange, String requestId) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof GatewayException gateway) {
                return gateway;
            }
        }
        GatewayException upstream = UpstreamErrors.toGatewayException(failure);
        if (upstream != null) {
            return upstream;
        }
        if (causedByStorage(failure)) {
            LOG.error("Request {}: the database did not answer", requestId, RedactedThrowable.of(failure, LOG_REDACTOR));
            return new GatewayException(503, "server_error", "storage_unavailable", "The gateway's database is not "
                    + "answering, so the request could not be checked and recorded (request id " + requestId
                    + "); retry shortly.", Map.of("Retry-After", "5"), null);
        }
        logUnexpected(requestId, failure);
        return new GatewayException(500, "server_error", "internal_error",
                "The gateway failed to serve this request (request id " + requestId + "); the operators can find "
                        + "the cause in the gateway's log under that id.");
    }
}
