package dev.llmgateway.limits;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.camel.Exchange;

/**
 * The reservations a call holds, kept on its exchange until they are settled. The queue is shared by the copies
 * Camel makes of the exchange (onCompletion runs on one), so whichever settles first takes each reservation once.
 */
public final class Reservations {

    static final String PROPERTY = "llmgateway.reservations";

    private Reservations() {
    }

    /** Called by the route's steps, one after another on the request's thread. */
    @SuppressWarnings("unchecked")
    public static void add(Exchange exchange, CallReservation reservation) {
        Queue<CallReservation> held = exchange.getProperty(PROPERTY, Queue.class);
        if (held == null) {
            held = new ConcurrentLinkedQueue<>();
            exchange.setProperty(PROPERTY, held);
        }
        held.add(reservation);
    }

    /** @return the reservations held, which are no longer held afterwards */
    @SuppressWarnings("unchecked")
    public static List<CallReservation> drain(Exchange exchange) {
        Queue<CallReservation> held = exchange.getProperty(PROPERTY, Queue.class);
        List<CallReservation> drained = new ArrayList<>();
        if (held != null) {
            for (CallReservation next = held.poll(); next != null; next = held.poll()) {
                drained.add(next);
            }
        }
        return drained;
    }
}
