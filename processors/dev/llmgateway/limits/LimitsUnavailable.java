package dev.llmgateway.limits;

import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.store.StorageException;
import io.github.bucket4j.BucketExceptions;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Limits and budgets fail closed: while the database that holds them does not answer, calls are refused with 503
 * (a clear, retryable answer) rather than admitted unchecked or failed as an unexplained 500.
 */
public final class LimitsUnavailable {

    private static final Logger LOG = LoggerFactory.getLogger(LimitsUnavailable.class);

    private LimitsUnavailable() {
    }

    /** @return what the check returned; a database failure becomes the 503 the client is told */
    public static <T> T guard(String check, Supplier<T> work) {
        try {
            return work.get();
        } catch (StorageException | BucketExceptions.BucketExecutionException e) {
            LOG.error("Could not check {}: {}", check, e.toString());
            throw new GatewayException(503, "server_error", "limits_unavailable", "The gateway could not check "
                    + check + " because its database does not answer; the call was not sent. Retry shortly.",
                    Map.of("Retry-After", "5"), e);
        }
    }
}
