package dev.llmgateway.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.chat.Caller;
import dev.llmgateway.chat.GatewayCall;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.chat.PromptTokenCount;
import dev.llmgateway.store.StorageException;
import io.github.bucket4j.Bucket;
import java.sql.SQLException;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class RateLimitProcessorTest {

    private static final LimitPolicy POLICY = new LimitPolicy(LimitsSettings.defaults(),
            Map.of("a", new TeamLimits(10, 1000, 1, null, null)));
    private final LocalBucketStore buckets = new LocalBucketStore(new FakeClock());
    private final LocalConcurrencyLimiter slots = new LocalConcurrencyLimiter();

    @Test
    void aCallRefusedForConcurrencyTakesNothingFromItsRates() {
        RateLimitProcessor processor = new RateLimitProcessor(POLICY, new RateLimiter(buckets), slots);
        processor.process(call());

        assertThatThrownBy(() -> processor.process(call()))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.code()).isEqualTo("concurrent_requests_exceeded"));

        assertThat(buckets.bucket(new RateLimit("team a", "team/a", RateDimension.REQUESTS, 10)).getAvailableTokens())
                .isEqualTo(9);
        assertThat(buckets.bucket(new RateLimit("team a", "team/a", RateDimension.TOKENS, 1000)).getAvailableTokens())
                .isEqualTo(700);
    }

    @Test
    void aDatabaseThatDoesNotAnswerIsA503NotAnUnexplainedFailure() {
        BucketStore down = new BucketStore() {
            @Override
            public Bucket bucket(RateLimit limit) {
                throw new StorageException("rate limits: connection refused", new SQLException("connection refused"));
            }

            @Override
            public boolean inMemory() {
                return false;
            }
        };
        RateLimitProcessor processor = new RateLimitProcessor(POLICY, new RateLimiter(down), slots);

        assertThatThrownBy(() -> processor.process(call())).isInstanceOfSatisfying(GatewayException.class, e -> {
            assertThat(e.status()).isEqualTo(503);
            assertThat(e.code()).isEqualTo("limits_unavailable");
            assertThat(e.headers()).containsKey("Retry-After");
        });
    }

    private static Exchange call() {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        GatewayCall.start(exchange, "req-0001").identify(Caller.of("a", "key_1", "default"));
        GatewayCall.of(exchange).setPromptTokens(new PromptTokenCount(100, 80, false, "claude", 200));
        return exchange;
    }
}
