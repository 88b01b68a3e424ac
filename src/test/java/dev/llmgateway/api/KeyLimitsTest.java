package dev.llmgateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmgateway.testing.TestGateway;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each API key has its own limits within its team's: one busy key does not use up its team. */
class KeyLimitsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CALL = """
            {"model": "claude-3-haiku", "max_tokens": 20, "messages": [{"role": "user", "content": "Hello there."}]}""";
    private static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = TestGateway.start(Map.of("LLMGW_LIMITS_PERKEY_REQUESTSPERMINUTE", "2"), """
                teams:
                  analytics: {requestsPerMinute: 10}
                """);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void aKeyPastItsOwnLimitIsRefusedWhileAnotherKeyOfItsTeamIsNot() throws Exception {
        String busy = TeamKeys.create(gateway, "analytics");
        String other = TeamKeys.create(gateway, "analytics");

        assertThat(TeamKeys.post(gateway, busy, "/v1/chat/completions", CALL).statusCode()).isEqualTo(200);
        HttpResponse<String> second = TeamKeys.post(gateway, busy, "/v1/chat/completions", CALL);
        HttpResponse<String> third = TeamKeys.post(gateway, busy, "/v1/chat/completions", CALL);
        HttpResponse<String> otherKey = TeamKeys.post(gateway, other, "/v1/chat/completions", CALL);

        assertThat(second.headers().firstValue("x-ratelimit-limit-requests")).as("the key's limit is the tighter")
                .hasValue("2");
        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(JSON.readTree(third.body()).at("/error/message").asText()).contains("API key key_");
        assertThat(otherKey.statusCode()).isEqualTo(200);
        assertThat(otherKey.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("1");
    }
}
