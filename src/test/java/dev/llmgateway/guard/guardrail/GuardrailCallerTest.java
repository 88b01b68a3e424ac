package dev.llmgateway.guard.guardrail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.emulator.BedrockEmulator;
import dev.llmgateway.emulator.BedrockError;
import dev.llmgateway.emulator.GuardrailDefinition;
import dev.llmgateway.emulator.RegionBehaviour;
import dev.llmgateway.failover.FailoverSettings;
import dev.llmgateway.failover.FullJitterBackoff;
import dev.llmgateway.failover.RegionBreakers;
import dev.llmgateway.guard.GuardDecisionListener;
import dev.llmgateway.upstream.BedrockClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailContentSource;

/**
 * The guardrail's calls through the production clients against the emulator: retried while a region fails, closed
 * or open when it stays down, a breaker that opens after repeated failures, a refusal not retried.
 */
class GuardrailCallerTest {

    private static BedrockEmulator emulator;
    private static BedrockClients clients;
    private final List<String> decisions = Collections.synchronizedList(new ArrayList<>());
    private final GuardDecisionListener listener = new GuardDecisionListener() {
        @Override
        public void guardrail(String team, String source, String decision) {
            decisions.add(team + "/" + source + "/" + decision);
        }
    };

    @BeforeAll
    static void start() {
        emulator = BedrockEmulator.start(0);
        emulator.defineGuardrail("okguard1", new GuardrailDefinition("1", List.of(), List.of(), List.of(), null, null));
        clients = new BedrockClients(emulator.endpoint(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")),
                Duration.ofSeconds(5));
    }

    @AfterAll
    static void stop() {
        clients.close();
        emulator.close();
    }

    private AppliedGuardrail guardrail(String id, String region, boolean failOpen, int breakerMinimumCalls) {
        GuardrailSettings settings = new GuardrailSettings(null, null, null, 3000L, failOpen);
        RegionBreakers breakers = new RegionBreakers(new FailoverSettings(30_000, 20, 40, breakerMinimumCalls,
                breakerMinimumCalls, 50, 60_000));
        GuardrailCaller caller = new GuardrailCaller(clients::async, breakers, new FullJitterBackoff(20, 40),
                () -> settings, listener);
        return new AppliedGuardrail(caller, new GuardrailRef(id, "1", null), region, "ops");
    }

    @Test
    void aFailingRegionIsTriedAgainUntilTheDeadlineThenTheCallFailsClosed() {
        emulator.configureRegion("eu-west-3", RegionBehaviour.builder()
                .failureRate(BedrockError.INTERNAL_SERVER, 1.0).build());
        AppliedGuardrail guardrail = guardrail("okguard1", "eu-west-3", false, 100);

        assertThatThrownBy(() -> guardrail.checkNow(GuardrailContentSource.INPUT, List.of("hello")))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.code()).isEqualTo("guardrail_unavailable");
                    assertThat(e.getMessage()).contains("'okguard1' version 1", "eu-west-3", "InternalServerException");
                });
        assertThat(emulator.stats("eu-west-3").requestsReceived()).as("tried more than once").isGreaterThan(1);
        assertThat(decisions).containsExactly("ops/input/failed");
    }

    @Test
    void failOpenLetsTheTextThroughUnchecked() {
        emulator.configureRegion("eu-west-2", RegionBehaviour.builder()
                .failureRate(BedrockError.THROTTLING, 1.0).build());

        GuardrailVerdict verdict = guardrail("okguard1", "eu-west-2", true, 100)
                .checkNow(GuardrailContentSource.OUTPUT, List.of("hello"));

        assertThat(verdict.outcome()).isEqualTo(GuardrailVerdict.Outcome.UNCHECKED);
        assertThat(decisions).containsExactly("ops/output/unchecked");
    }

    @Test
    void anOpenBreakerFailsAtOnceWithRetryAfter() {
        emulator.configureRegion("ap-south-1", RegionBehaviour.builder()
                .failureRate(BedrockError.SERVICE_UNAVAILABLE, 1.0).build());
        AppliedGuardrail guardrail = guardrail("okguard1", "ap-south-1", false, 2);
        assertThatThrownBy(() -> guardrail.checkNow(GuardrailContentSource.INPUT, List.of("hello")))
                .isInstanceOf(GatewayException.class);
        long tried = emulator.stats("ap-south-1").requestsReceived();

        assertThatThrownBy(() -> guardrail.checkNow(GuardrailContentSource.INPUT, List.of("hello")))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.status()).as(e.getMessage()).isEqualTo(503);
                    assertThat(e.headers()).as(e.getMessage()).containsKey("Retry-After");
                    assertThat(e.getMessage()).contains("circuit breaker");
                });
        assertThat(emulator.stats("ap-south-1").requestsReceived()).as("no call while open").isEqualTo(tried);
    }

    @Test
    void anUnknownGuardrailIsNotRetried() {
        AppliedGuardrail guardrail = guardrail("missing1", "sa-east-1", true, 100);

        assertThatThrownBy(() -> guardrail.checkNow(GuardrailContentSource.INPUT, List.of("hello")))
                .as("failOpen covers outages, not a guardrail that does not exist")
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.status()).isEqualTo(502);
                    assertThat(e.code()).isEqualTo("guardrail_failed");
                    assertThat(e.getMessage()).contains("ResourceNotFoundException");
                });
        assertThat(emulator.stats("sa-east-1").requestsReceived()).isEqualTo(1);
    }
}
