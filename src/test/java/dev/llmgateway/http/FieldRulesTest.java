package dev.llmgateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmgateway.chat.GatewayException;
import org.junit.jupiter.api.Test;

/** Every field is served, accepted at its neutral value, ignored for a reason, or refused by name. */
class FieldRulesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FieldRules RULES = FieldRules.of("a test request")
            .served("temperature", "0 to 1")
            .neutralOnly("n", value -> value.isIntegralNumber() && value.intValue() == 1, "1: one answer per request")
            .ignored("user", "the gateway attributes calls to the API key")
            .refused("tools", "tool calling is not served yet")
            .build();

    @Test
    void servedIgnoredNeutralAndNullFieldsPass() {
        assertThatCode(() -> RULES.check(json("{\"temperature\": 0.2, \"user\": \"u1\", \"n\": 1, \"tools\": null}"), ""))
                .doesNotThrowAnyException();
    }

    @Test
    void aRefusedFieldIsNamedWithItsReason() {
        assertThatThrownBy(() -> RULES.check(json("{\"tools\": []}"), "body."))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("unsupported_parameter");
                })
                .hasMessageContaining("'body.tools' is not supported by this gateway: tool calling is not served yet");
    }

    @Test
    void aFieldAwayFromItsNeutralValueIsRefused() {
        assertThatThrownBy(() -> RULES.check(json("{\"n\": 2}"), ""))
                .hasMessageContaining("'n' must be 1: one answer per request");
    }

    @Test
    void anUnknownFieldIsRefusedWithTheNearestKnownName() {
        assertThatThrownBy(() -> RULES.check(json("{\"temprature\": 0.2}"), ""))
                .isInstanceOfSatisfying(GatewayException.class,
                        e -> assertThat(e.code()).isEqualTo("unknown_parameter"))
                .hasMessageContaining("'temprature' is not a field of a test request (did you mean 'temperature'?)");
    }

    @Test
    void aLongUnknownNameIsCutAndGetsNoSuggestion() {
        String name = "t".repeat(10_000);
        assertThatThrownBy(() -> RULES.check(json("{\"" + name + "\": 1}"), ""))
                .hasMessageContaining("'" + "t".repeat(64) + "...' is not a field of a test request; remove it.")
                .hasMessageNotContaining("did you mean");
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }
}
