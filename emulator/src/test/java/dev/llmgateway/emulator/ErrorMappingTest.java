package dev.llmgateway.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.AccessDeniedException;
import software.amazon.awssdk.services.bedrockruntime.model.BedrockRuntimeException;
import software.amazon.awssdk.services.bedrockruntime.model.InternalServerException;
import software.amazon.awssdk.services.bedrockruntime.model.ModelErrorException;
import software.amazon.awssdk.services.bedrockruntime.model.ModelNotReadyException;
import software.amazon.awssdk.services.bedrockruntime.model.ModelTimeoutException;
import software.amazon.awssdk.services.bedrockruntime.model.ResourceNotFoundException;
import software.amazon.awssdk.services.bedrockruntime.model.ServiceQuotaExceededException;
import software.amazon.awssdk.services.bedrockruntime.model.ServiceUnavailableException;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

/** Injected faults, quotas and per-region behaviour, as the SDK sees them. */
class ErrorMappingTest {
    private static BedrockEmulator emulator;
    private static BedrockRuntimeClient east;
    private static BedrockRuntimeClient west;

    @BeforeAll
    static void start() {
        emulator = BedrockEmulator.start(0);
        east = SdkClients.sync(emulator, "us-east-1");
        west = SdkClients.sync(emulator, "us-west-2");
    }

    @AfterAll
    static void stop() {
        east.close();
        west.close();
        emulator.close();
    }

    @AfterEach
    void reset() {
        emulator.resetRegions();
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of(BedrockError.VALIDATION, ValidationException.class),
                Arguments.of(BedrockError.SERVICE_QUOTA_EXCEEDED, ServiceQuotaExceededException.class),
                Arguments.of(BedrockError.ACCESS_DENIED, AccessDeniedException.class),
                Arguments.of(BedrockError.RESOURCE_NOT_FOUND, ResourceNotFoundException.class),
                Arguments.of(BedrockError.MODEL_TIMEOUT, ModelTimeoutException.class),
                Arguments.of(BedrockError.MODEL_ERROR, ModelErrorException.class),
                Arguments.of(BedrockError.THROTTLING, ThrottlingException.class),
                Arguments.of(BedrockError.MODEL_NOT_READY, ModelNotReadyException.class),
                Arguments.of(BedrockError.INTERNAL_SERVER, InternalServerException.class),
                Arguments.of(BedrockError.SERVICE_UNAVAILABLE, ServiceUnavailableException.class));
    }

    @ParameterizedTest
    @MethodSource("errors")
    void injectedFaultReachesTheSdkAsItsException(BedrockError error, Class<? extends BedrockRuntimeException> sdkType) {
        emulator.configureRegion("us-east-1", RegionBehaviour.builder().failureRate(error, 1.0).build());

        assertThatThrownBy(this::invokeEast)
                .isInstanceOf(sdkType)
                .hasMessageContaining(InjectedFaultMessages.of(error))
                .satisfies(e -> {
                    BedrockRuntimeException sdk = (BedrockRuntimeException) e;
                    assertThat(sdk.statusCode()).isEqualTo(error.status());
                    assertThat(sdk.awsErrorDetails().errorCode()).isEqualTo(error.typeName());
                    assertThat(sdk.requestId()).isNotBlank();
                });
        assertThat(emulator.stats("us-east-1").failedByInjectedFault()).isEqualTo(1);
    }

    @Test
    void throttlingOneRegionLeavesTheOtherAnswering() {
        emulator.configureRegion("us-east-1", RegionBehaviour.builder().failureRate(BedrockError.THROTTLING, 1.0).build());

        assertThatThrownBy(this::invokeEast).isInstanceOf(ThrottlingException.class);
        assertThat(invoke(west)).contains("\"type\":\"message\"");
        assertThat(emulator.stats("us-west-2").requestsReceived()).isEqualTo(1);
        assertThat(emulator.stats("us-east-1").failedByInjectedFault()).isEqualTo(1);
    }

    @Test
    void requestsPerMinuteQuotaThrottles() {
        emulator.configureRegion("us-east-1", RegionBehaviour.builder().requestsPerMinute(2).retryAfterSeconds(3).build());
        invokeEast();
        invokeEast();
        assertThatThrownBy(this::invokeEast)
                .isInstanceOf(ThrottlingException.class)
                .hasMessageContaining("Too many requests, please wait before trying again.")
                .satisfies(e -> assertThat(((ThrottlingException) e).awsErrorDetails().sdkHttpResponse()
                        .firstMatchingHeader("Retry-After")).contains("3"));
        assertThat(invoke(west)).isNotEmpty();
        assertThat(emulator.stats("us-east-1").throttled()).isEqualTo(1);
        assertThat(emulator.stats("us-east-1").requestsReceived()).isEqualTo(3);
    }

    @Test
    void tokensPerMinuteQuotaThrottles() {
        emulator.configureRegion("us-east-1", RegionBehaviour.builder().tokensPerMinute(60).build());
        invokeEast();
        assertThatThrownBy(this::invokeEast)
                .isInstanceOf(ThrottlingException.class)
                .hasMessageContaining("Too many tokens, please wait before trying again.");
    }

    @Test
    void faultRatesAreSeededSoRunsRepeat() {
        RegionBehaviour flaky = RegionBehaviour.builder().failureRate(BedrockError.INTERNAL_SERVER, 0.5).faultSeed(7).build();
        emulator.configureRegion("us-east-1", flaky);
        String first = outcomes(12);
        emulator.configureRegion("us-east-1", flaky);
        assertThat(outcomes(12)).isEqualTo(first).contains("x").contains("o");
    }

    private String outcomes(int requests) {
        StringBuilder outcomes = new StringBuilder();
        for (int i = 0; i < requests; i++) {
            try {
                invokeEast();
                outcomes.append('o');
            } catch (InternalServerException e) {
                outcomes.append('x');
            }
        }
        return outcomes.toString();
    }

    private String invokeEast() {
        return invoke(east);
    }

    private static String invoke(BedrockRuntimeClient client) {
        return client.invokeModel(r -> r.modelId(SdkClients.CLAUDE)
                .body(RequestBodies.bytes(RequestBodies.claude("How are quotas counted?", 50)))).body().asUtf8String();
    }
}
