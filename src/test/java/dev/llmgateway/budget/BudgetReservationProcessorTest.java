package dev.llmgateway.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.chat.Caller;
import dev.llmgateway.chat.ChatMessage;
import dev.llmgateway.chat.ChatRequest;
import dev.llmgateway.chat.ChatRole;
import dev.llmgateway.chat.GatewayCall;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.chat.ModelSpec;
import dev.llmgateway.chat.PromptTokenCount;
import dev.llmgateway.cost.ModelPrice;
import dev.llmgateway.cost.PriceTable;
import dev.llmgateway.limits.LimitPolicy;
import dev.llmgateway.limits.LimitsSettings;
import dev.llmgateway.limits.TeamLimits;
import dev.llmgateway.store.Database;
import dev.llmgateway.testing.TestDatabases;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BudgetReservationProcessorTest {

    private static final ModelSpec MODEL = new ModelSpec("m", "claude", 10_000, 1000, Set.of(),
            List.of(new ModelSpec.RegionTarget("us-east-1", "model-a")));
    private static final ChatRequest REQUEST = ChatRequest.builder("m", List.of(new ChatMessage(ChatRole.USER, "Hi")))
            .maxTokens(1000).build();
    /** A fallback of MODEL five times its price. */
    private static final ModelSpec DEARER = new ModelSpec("dearer", "claude", 20_000, 1000, Set.of(),
            List.of(new ModelSpec.RegionTarget("eu-west-1", "model-d")));
    /** A fallback five times its price that has no room for the calls of these tests. */
    private static final ModelSpec SMALL_DEARER = new ModelSpec("small-dearer", "claude", 1_000, 100, Set.of(),
            List.of(new ModelSpec.RegionTarget("eu-west-1", "model-d")));
    private static final WorstCaseCost PRICES = new WorstCaseCost(new PriceTable(Map.of(
            "model-a", new ModelPrice(3.0, 15.0, null, null, null),
            "model-d", new ModelPrice(15.0, 75.0, null, null, null))));
    private final Database database = TestDatabases.embedded();
    private final BudgetStore store = new BudgetStore(database.dataSource(),
            Clock.fixed(Instant.parse("2025-06-14T10:00:00Z"), ZoneOffset.UTC), Duration.ofMinutes(3));

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void theRefusalSaysTheBudgetWhatIsSpentAndWhenItResets() {
        BudgetReservationProcessor processor = processor(new TeamLimits(null, null, null, new BigDecimal("2000"), null));
        store.settle(store.reserve(List.of(new BudgetScope("a", null, new BigDecimal("2000"))), new BigDecimal("1999.97")),
                new BigDecimal("1999.97"));

        assertThatThrownBy(() -> processor.process(call(10_000, 1000))).isInstanceOfSatisfying(GatewayException.class, e -> {
            assertThat(e.status()).isEqualTo(402);
            assertThat(e.type()).isEqualTo("insufficient_quota");
            assertThat(e.getMessage()).isEqualTo("The monthly budget of team a is used up: $1,999.97 spent and $0.00 "
                    + "reserved by calls in flight, of $2,000.00; this call could cost up to $0.045. The budget resets "
                    + "on 2025-07-01 at 00:00 UTC. Ask the gateway operators to raise it, or lower max_tokens.");
        });
    }

    @Test
    void theReservationCoversTheDearestFallbackThatCanTakeTheCall() {
        BudgetScope team = new BudgetScope("a", null, new BigDecimal("100"));
        BudgetReservationProcessor processor = processor(new TeamLimits(null, null, null, team.limitUsd(), null));
        Exchange withFallback = call(10_000, 1000);
        GatewayCall.of(withFallback).setRequest(REQUEST);
        GatewayCall.of(withFallback).setFallbacks(List.of(DEARER));
        Exchange withUnfitFallback = call(10_000, 1000);
        GatewayCall.of(withUnfitFallback).setRequest(REQUEST);
        GatewayCall.of(withUnfitFallback).setFallbacks(List.of(SMALL_DEARER));

        processor.process(withFallback);
        BigDecimal reservedForTheFallback = store.spending(team).orElseThrow().reservedUsd();
        processor.process(withUnfitFallback);

        assertThat(reservedForTheFallback).isEqualByComparingTo("0.225");
        assertThat(store.spending(team).orElseThrow().reservedUsd()).isEqualByComparingTo("0.27");
    }

    @Test
    void withoutABudgetTheDatabaseIsNotTouched() {
        database.close();

        processor(TeamLimits.none()).process(call(100, 100));
    }

    @Test
    void aDatabaseThatDoesNotAnswerIsA503() {
        BudgetReservationProcessor processor = processor(new TeamLimits(null, null, null, BigDecimal.TEN, null));
        database.close();

        assertThatThrownBy(() -> processor.process(call(100, 100))).isInstanceOfSatisfying(GatewayException.class, e -> {
            assertThat(e.status()).isEqualTo(503);
            assertThat(e.code()).isEqualTo("limits_unavailable");
        });
    }

    private BudgetReservationProcessor processor(TeamLimits team) {
        return new BudgetReservationProcessor(new LimitPolicy(LimitsSettings.defaults(), Map.of("a", team)), store, PRICES);
    }

    private static Exchange call(int promptTokens, int maxTokens) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        GatewayCall.start(exchange, "req-0001").identify(Caller.of("a", null, "default"));
        GatewayCall.of(exchange).setModel(MODEL);
        GatewayCall.of(exchange).setRequest(ChatRequest.builder("m",
                List.of(new ChatMessage(ChatRole.USER, "Summarise the report."))).maxTokens(maxTokens).build());
        GatewayCall.of(exchange).setPromptTokens(
                new PromptTokenCount(promptTokens, promptTokens, false, "claude", maxTokens));
        return exchange;
    }
}
