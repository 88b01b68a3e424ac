package dev.llmgateway.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.chat.GatewayException;
import java.util.List;
import java.util.Map;
import org.apache.camel.Message;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultMessage;
import org.junit.jupiter.api.Test;

/** What a request asks of the cache through its headers. */
class CacheDirectivesTest {

    @Test
    void withoutHeadersTheCacheIsUsedAtTheTeamThreshold() {
        assertThat(read(Map.of())).isEqualTo(new CacheDirectives(false, false, 0.92));
    }

    @Test
    void cacheControlDirectivesAreReadInAnyCaseAndOrder() {
        assertThat(read(Map.of("Cache-Control", "max-age=0, No-Cache"))).isEqualTo(new CacheDirectives(true, false, 0.92));
        assertThat(read(Map.of("Cache-Control", "no-store"))).isEqualTo(new CacheDirectives(true, true, 0.92));
        assertThat(read(Map.of("Cache-Control", List.of("no-cache", "no-store")))).isEqualTo(new CacheDirectives(true, true, 0.92));
        assertThat(read(Map.of("Cache-Control", "private, max-age=60"))).isEqualTo(new CacheDirectives(false, false, 0.92));
    }

    @Test
    void aThresholdBetweenTheFloorAndOneIsTaken() {
        assertThat(read(Map.of(CacheDirectives.THRESHOLD_HEADER, " 0.97 ")).threshold()).isEqualTo(0.97);
        assertThat(read(Map.of(CacheDirectives.THRESHOLD_HEADER, "0.8")).threshold()).isEqualTo(0.8);
        assertThat(read(Map.of(CacheDirectives.THRESHOLD_HEADER, "1")).threshold()).isEqualTo(1.0);
    }

    @Test
    void anyOtherThresholdIsABadRequestSayingWhatIsAllowed() {
        for (String bad : List.of("0.5", "1.01", "abc", "NaN", "-0.9", "0x1p-1", "0.95; q=1")) {
            assertThatThrownBy(() -> read(Map.of(CacheDirectives.THRESHOLD_HEADER, bad)))
                    .isInstanceOfSatisfying(GatewayException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.code()).isEqualTo("invalid_cache_threshold");
                        assertThat(e.getMessage()).contains("from 0.8 to 1").contains(bad);
                    });
        }
    }

    private static CacheDirectives read(Map<String, Object> headers) {
        Message message = new DefaultMessage(new DefaultCamelContext());
        headers.forEach(message::setHeader);
        return CacheDirectives.read(message, 0.92, 0.8);
    }
}
