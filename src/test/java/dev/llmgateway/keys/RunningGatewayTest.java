package dev.llmgateway.keys;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RunningGatewayTest {

    @Test
    void aWildcardAddressIsReachedOnLoopback() {
        assertThat(RunningGateway.loopback("0.0.0.0")).isEqualTo("127.0.0.1");
        assertThat(RunningGateway.loopback("")).isEqualTo("127.0.0.1");
        assertThat(RunningGateway.loopback("::")).isEqualTo("[::1]");
        assertThat(RunningGateway.loopback("127.0.0.1")).isEqualTo("127.0.0.1");
        assertThat(RunningGateway.loopback("::1")).isEqualTo("[::1]");
        assertThat(RunningGateway.loopback("localhost")).isEqualTo("localhost");
    }

    @Test
    void valuesAreEncodedForAPathSegmentOrAQuery() {
        assertThat(RunningGateway.encode("key_a b/c")).isEqualTo("key_a%20b%2Fc");
    }
}
