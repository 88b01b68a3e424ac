package dev.llmgateway.logging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.chat.GatewayCall;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.AsyncProcessorSupport;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class RequestIdLogContextTest {

    private final CamelContext camel = new DefaultCamelContext();
    private final ExecutorService otherThread = Executors.newSingleThreadExecutor();

    @AfterEach
    void cleanUp() {
        otherThread.shutdownNow();
        MDC.clear();
    }

    private AsyncProcessor wrap(org.apache.camel.Processor target) {
        return (AsyncProcessor) new RequestIdLogContext().wrapProcessorInInterceptors(camel, null, target, null);
    }

    private Exchange exchangeOf(String requestId) {
        Exchange exchange = new DefaultExchange(camel);
        GatewayCall.start(exchange, requestId);
        return exchange;
    }

    @Test
    void aStepLogsWithTheIdAndTheThreadGetsItsOwnValueBack() throws Exception {
        AtomicReference<String> seen = new AtomicReference<>();
        MDC.put(RequestIdLogContext.MDC_KEY, "outer");

        wrap(exchange -> seen.set(MDC.get(RequestIdLogContext.MDC_KEY))).process(exchangeOf("req-1"));

        assertThat(seen).hasValue("req-1");
        assertThat(MDC.get(RequestIdLogContext.MDC_KEY)).isEqualTo("outer");
    }

    @Test
    void aPooledThreadCarriesNoIdIntoTheNextRequest() throws Exception {
        wrap(exchange -> { }).process(exchangeOf("req-2"));

        assertThat(MDC.get(RequestIdLogContext.MDC_KEY)).isNull();
    }

    @Test
    void aStepThatFinishesOnAnotherThreadCompletesWithTheIdThere() throws Exception {
        AtomicReference<String> atCompletion = new AtomicReference<>();
        CompletableFuture<String> afterCompletion = new CompletableFuture<>();
        AsyncProcessor finishesElsewhere = new AsyncProcessorSupport() {
            @Override
            public boolean process(Exchange exchange, AsyncCallback callback) {
                otherThread.execute(() -> {
                    callback.done(false);
                    afterCompletion.complete(String.valueOf(MDC.get(RequestIdLogContext.MDC_KEY)));
                });
                return false;
            }
        };

        wrap(finishesElsewhere).process(exchangeOf("req-3"),
                doneSync -> atCompletion.set(MDC.get(RequestIdLogContext.MDC_KEY)));

        assertThat(afterCompletion.get(5, TimeUnit.SECONDS)).isEqualTo("null");
        assertThat(atCompletion).hasValue("req-3");
    }

    @Test
    void beforeTheIdIsAssignedNothingIsSet() throws Exception {
        AtomicReference<String> seen = new AtomicReference<>("unset");

        wrap(exchange -> seen.set(MDC.get(RequestIdLogContext.MDC_KEY))).process(new DefaultExchange(camel));

        assertThat(seen.get()).isNull();
    }
}
