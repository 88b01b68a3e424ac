package dev.llmgateway.kamelet;

import dev.llmgateway.chat.GatewayCall;
import dev.llmgateway.chat.GatewayException;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Processor;
import org.apache.camel.Route;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends the Kamelets' calls when the application's exchange completes, answered or failed: settles the call's
 * reservations, records it (when it was answered or refused) and ends its trace. Not with an onCompletion from a Kamelet's step: camel-kamelet runs each
 * Kamelet on a copy of the exchange, whose completions run as soon as that Kamelet's route is done, before the steps
 * after it (a rate limit's reservation would be settled before the model is called). Such a copy (correlated, from a
 * Kamelet's route) is passed over; the exchange it was copied from ends the call, once.
 */
final class KameletCallEnd extends EventNotifierSupport {

    private static final Logger LOG = LoggerFactory.getLogger(KameletCallEnd.class);

    private final Processor reservationSettler;
    private final Processor callRecorder;
    private final Processor traceEnd;

    KameletCallEnd(Processor reservationSettler, Processor callRecorder, Processor traceEnd) {
        this.reservationSettler = reservationSettler;
        this.callRecorder = callRecorder;
        this.traceEnd = traceEnd;
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.ExchangeCompletedEvent || event instanceof CamelEvent.ExchangeFailedEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        Exchange exchange = ((ExchangeEvent) event).getExchange();
        GatewayCall call = GatewayCall.find(exchange);
        if (call == null || isKameletsCopy(exchange)) {
            return;
        }
        run(reservationSettler, exchange);
        if (exchange.isFailed() && call.error() == null) {
            refusalIn(exchange.getException()).ifPresent(call::fail);
        }
        // a call that was neither answered nor refused (only redacted, say) never reached a model: nothing to record
        if (exchange.isFailed() || call.answerUsageOrNull() != null) {
            run(callRecorder, exchange);
        }
        run(traceEnd, exchange);
    }

    private static void run(Processor step, Exchange exchange) {
        try {
            step.process(exchange);
        } catch (Exception e) {
            LOG.error("Ending the call of exchange {} failed in {}: {}", exchange.getExchangeId(), step, e.toString());
        }
    }

    /** The gateway's refusal the step threw, however the route wrapped it; for the record's status and outcome. */
    private static Optional<GatewayException> refusalIn(Throwable failure) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof GatewayException refusal) {
                return Optional.of(refusal);
            }
        }
        return Optional.empty();
    }

    private static boolean isKameletsCopy(Exchange exchange) {
        if (exchange.getProperty(ExchangePropertyKey.CORRELATION_ID) == null || exchange.getFromRouteId() == null) {
            return false;
        }
        Route route = exchange.getContext().getRoute(exchange.getFromRouteId());
        return route != null && route.isCreatedByKamelet();
    }
}
