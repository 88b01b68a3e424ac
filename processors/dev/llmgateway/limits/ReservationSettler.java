package dev.llmgateway.limits;

import dev.llmgateway.chat.CallReservation;
import dev.llmgateway.chat.CallUsage;
import dev.llmgateway.chat.GatewayCall;
import dev.llmgateway.chat.UpstreamUsage;
import dev.llmgateway.chat.Usage;
import dev.llmgateway.cost.PriceTable;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs once a call is over, however it ended (the API routes' onCompletion, before the answer is written): settles
 * every reservation the call holds to what it really used. In-memory reservations (this instance's slots and
 * buckets) settle at once; those in the database settle on a small pool of this instance's threads, because the
 * call may end on an event-loop thread that must not wait for the database. It never fails the call.
 */
public class ReservationSettler implements Processor, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReservationSettler.class);
    private static final int THREADS = 2;

    private final PriceTable prices;
    private final ExecutorService databaseWork;

    public ReservationSettler(PriceTable prices) {
        this.prices = prices;
        AtomicInteger threads = new AtomicInteger();
        this.databaseWork = new ThreadPoolExecutor(THREADS, THREADS, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "reservation-settler-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    @Override
    public void process(Exchange exchange) {
        GatewayCall call = GatewayCall.find(exchange);
        List<CallReservation> reservations = call == null ? List.of() : call.releaseReservations();
        if (reservations.isEmpty()) {
            return;
        }
        String requestId = call.requestId();
        CallUsage usage;
        try {
            usage = usageOf(call);
        } catch (RuntimeException e) {
            LOG.error("Request {}: could not tell what it used, settling its reservations as unused: {}",
                    requestId, e.toString());
            usage = CallUsage.NOTHING;
        }
        for (CallReservation reservation : reservations) {
            CallUsage used = usage;
            if (reservation.inMemory()) {
                settle(reservation, used, requestId);
            } else {
                databaseWork.execute(() -> settle(reservation, used, requestId));
            }
        }
    }

    private CallUsage usageOf(GatewayCall call) {
        UpstreamUsage response = call.answerUsageOrNull();
        if (response == null || response.usage() == null || call.cacheHit() != null) {
            return CallUsage.NOTHING;
        }
        Usage usage = response.usage();
        BigDecimal cost = response.modelId() == null || !prices.knows(response.modelId()) ? BigDecimal.ZERO
                : prices.cost(response.modelId(), response.region(), usage.inputTokens(), usage.outputTokens(),
                        usage.cacheReadTokens(), usage.cacheWriteTokens());
        // cache reads count toward no token limit, as they count toward no Bedrock quota
        return new CallUsage(usage.inputTokens() + usage.cacheWriteTokens() + usage.outputTokens(), cost);
    }

    private static void settle(CallReservation reservation, CallUsage usage, String requestId) {
        try {
            reservation.settle(usage);
        } catch (RuntimeException e) {
            LOG.error("Request {}: settling its {} failed: {}", requestId, reservation.getClass().getSimpleName(),
                    e.toString());
        }
    }

    /** Finishes the settlements already handed to the pool (before the database closes). */
    @Override
    public void close() {
        databaseWork.shutdown();
        try {
            if (!databaseWork.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("Reservation settlements still pending at shutdown were dropped");
                databaseWork.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            databaseWork.shutdownNow();
        }
    }
}
