package dev.llmgateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.chat.CallReservation;
import dev.llmgateway.chat.CallUsage;
import dev.llmgateway.chat.ChatResponse;
import dev.llmgateway.chat.GatewayCall;
import dev.llmgateway.chat.Usage;
import dev.llmgateway.cost.ModelPrice;
import dev.llmgateway.cost.PriceTable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReservationSettlerTest {

    private final ReservationSettler settler = new ReservationSettler(new PriceTable(Map.of(
            "model-a", new ModelPrice(1.0, 2.0, null, null, null),
            "model-cached", new ModelPrice(1.0, 2.0, 0.1, 1.25, null))));
    private final Exchange exchange = new DefaultExchange(new DefaultCamelContext());
    private final GatewayCall call = GatewayCall.start(exchange, "req-0001");
    private final List<String> settled = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        settler.close();
    }

    @Test
    void eachReservationIsSettledOnceWithWhatTheCallUsed() {
        call.setResponse(
                new ChatResponse("text", "end_turn", new Usage(1_000, 500), "us-east-1", "model-a"));
        call.hold(recording("slots", true));
        call.hold(recording("budget", false));

        settler.process(exchange);
        settler.process(exchange.copy());
        settler.close();

        assertThat(settled).containsExactlyInAnyOrder("slots 1500 0.002", "budget 1500 0.002");
    }

    @Test
    void promptCacheTokensArePricedAtTheirPricesAndCacheReadsCountTowardNoTokenLimit() {
        call.setResponse(new ChatResponse("text", "end_turn", new Usage(1_000, 500, 4_000, 2_000), "us-east-1",
                "model-cached"));
        call.hold(recording("slots", true));

        settler.process(exchange);

        // 1,000 input at 1.0, 500 output at 2.0, 4,000 read at 0.1, 2,000 written at 1.25 (dollars a million)
        assertThat(settled).containsExactly("slots 3500 0.0049");
    }

    @Test
    void inMemoryReservationsAreSettledBeforeTheStepReturnsAndACallWithoutAnswerUsedNothing() {
        call.hold(recording("slots", true));

        settler.process(exchange);

        assertThat(settled).containsExactly("slots 0 0");
    }

    @Test
    void aReservationThatFailsToSettleDoesNotStopTheOthers() {
        call.hold(new CallReservation() {
            @Override
            public void settle(CallUsage usage) {
                throw new IllegalStateException("database gone");
            }

            @Override
            public boolean inMemory() {
                return true;
            }
        });
        call.hold(recording("slots", true));

        settler.process(exchange);

        assertThat(settled).containsExactly("slots 0 0");
    }

    private CallReservation recording(String name, boolean inMemory) {
        return new CallReservation() {
            @Override
            public void settle(CallUsage usage) {
                settled.add(name + " " + usage.tokens() + " " + usage.costUsd().stripTrailingZeros().toPlainString());
            }

            @Override
            public boolean inMemory() {
                return inMemory;
            }
        };
    }
}
