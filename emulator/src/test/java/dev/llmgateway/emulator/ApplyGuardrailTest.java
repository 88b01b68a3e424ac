package dev.llmgateway.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ApplyGuardrailRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ApplyGuardrailResponse;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailAction;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailContentSource;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailOutputContent;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailSensitiveInformationPolicyAction;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailTopicPolicyAction;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailWordPolicyAction;
import software.amazon.awssdk.services.bedrockruntime.model.ResourceNotFoundException;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

/** ApplyGuardrail through the real AWS SDK: what the emulator finds, masks and blocks, and its errors. */
class ApplyGuardrailTest {
    private static BedrockEmulator emulator;
    private static BedrockRuntimeClient client;

    @BeforeAll
    static void start() {
        emulator = BedrockEmulator.start(0);
        emulator.defineGuardrail("gr1abc", new GuardrailDefinition("2",
                List.of(new GuardrailDefinition.Topic("Investment advice", List.of("stocks", "portfolio"), null, null)),
                List.of(new GuardrailDefinition.Word("zebra", false, null)),
                List.of(new GuardrailDefinition.Pii("EMAIL", "ANONYMIZED", null, null),
                        new GuardrailDefinition.Pii("PHONE", "BLOCKED", null, false)),
                "Input refused.", "Output refused."));
        client = SdkClients.sync(emulator, "us-east-1");
    }

    @AfterAll
    static void stop() {
        client.close();
        emulator.close();
    }

    private static ApplyGuardrailResponse apply(String id, String version, GuardrailContentSource source,
                                                String... texts) {
        return client.applyGuardrail(ApplyGuardrailRequest.builder().guardrailIdentifier(id).guardrailVersion(version)
                .source(source).content(Arrays.stream(texts)
                        .map(t -> GuardrailContentBlock.builder().text(b -> b.text(t)).build()).toList()).build());
    }

    @Test
    void cleanTextPassesWithUsageAndCoverage() {
        ApplyGuardrailResponse response = apply("gr1abc", "2", GuardrailContentSource.INPUT, "What is a bridge?");

        assertThat(response.action()).isEqualTo(GuardrailAction.NONE);
        assertThat(response.outputs()).isEmpty();
        assertThat(response.usage().topicPolicyUnits()).isEqualTo(1);
        assertThat(response.guardrailCoverage().textCharacters().guarded()).isEqualTo(17);
        assertThat(response.assessments().get(0).invocationMetrics().guardrailProcessingLatency()).isNotNull();
    }

    @Test
    void deniedTopicBlocksWithTheBlockedMessaging() {
        ApplyGuardrailResponse response = apply("gr1abc", "DRAFT", GuardrailContentSource.INPUT,
                "Which stocks should I buy?");

        assertThat(response.action()).isEqualTo(GuardrailAction.GUARDRAIL_INTERVENED);
        assertThat(response.outputs()).extracting(GuardrailOutputContent::text).containsExactly("Input refused.");
        var topic = response.assessments().get(0).topicPolicy().topics().get(0);
        assertThat(topic.name()).isEqualTo("Investment advice");
        assertThat(topic.action()).isEqualTo(GuardrailTopicPolicyAction.BLOCKED);
    }

    @Test
    void aWordBlocksOnlyTheSourcesItIsSetFor() {
        assertThat(apply("gr1abc", "2", GuardrailContentSource.INPUT, "A zebra crossed.").action())
                .isEqualTo(GuardrailAction.NONE);
        ApplyGuardrailResponse output = apply("gr1abc", "2", GuardrailContentSource.OUTPUT, "A Zebra crossed.");

        assertThat(output.action()).isEqualTo(GuardrailAction.GUARDRAIL_INTERVENED);
        assertThat(output.outputs()).extracting(GuardrailOutputContent::text).containsExactly("Output refused.");
        assertThat(output.assessments().get(0).wordPolicy().customWords().get(0).action())
                .isEqualTo(GuardrailWordPolicyAction.BLOCKED);
        assertThat(apply("gr1abc", "2", GuardrailContentSource.OUTPUT, "zebras crossed.").action())
                .isEqualTo(GuardrailAction.NONE);
    }

    @Test
    void sensitiveInformationIsMaskedInEachBlock() {
        ApplyGuardrailResponse response = apply("gr1abc", "2", GuardrailContentSource.OUTPUT,
                "Write to ana@example.com today.", "Nothing here.");

        assertThat(response.action()).isEqualTo(GuardrailAction.GUARDRAIL_INTERVENED);
        assertThat(response.outputs()).extracting(GuardrailOutputContent::text)
                .containsExactly("Write to {EMAIL} today.", "Nothing here.");
        var entity = response.assessments().get(0).sensitiveInformationPolicy().piiEntities().get(0);
        assertThat(entity.typeAsString()).isEqualTo("EMAIL");
        assertThat(entity.action()).isEqualTo(GuardrailSensitiveInformationPolicyAction.ANONYMIZED);
    }

    @Test
    void aBlockedEntityBlocks() {
        ApplyGuardrailResponse response = apply("gr1abc", "2", GuardrailContentSource.INPUT,
                "Call me on +1 415 555 0100.");

        assertThat(response.action()).isEqualTo(GuardrailAction.GUARDRAIL_INTERVENED);
        assertThat(response.outputs()).extracting(GuardrailOutputContent::text).containsExactly("Input refused.");
    }

    @Test
    void anUnknownGuardrailOrVersionIsResourceNotFound() {
        assertThatThrownBy(() -> apply("nosuch1", "1", GuardrailContentSource.INPUT, "hi"))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("The guardrail identifier or version provided in the request does not exist.");
        assertThatThrownBy(() -> apply("gr1abc", "3", GuardrailContentSource.INPUT, "hi"))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void anArnNamesTheGuardrailAndABadIdentifierIsRefused() {
        assertThat(apply("arn:aws:bedrock:us-east-1:123456789012:guardrail/gr1abc", "2", GuardrailContentSource.INPUT,
                "hello").action()).isEqualTo(GuardrailAction.NONE);
        assertThatThrownBy(() -> apply("Not_Valid", "2", GuardrailContentSource.INPUT, "hi"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("guardrailIdentifier");
        assertThatThrownBy(() -> apply("gr1abc", "v2", GuardrailContentSource.INPUT, "hi"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("guardrailVersion");
    }

    @Test
    void theAdminEndpointDefinesAGuardrail() throws Exception {
        HttpResponse<String> defined = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(emulator.endpoint().resolve("/_emulator/guardrails/viaadmin1"))
                        .PUT(HttpRequest.BodyPublishers.ofString(
                                "{\"version\": \"1\", \"words\": [{\"text\": \"okapi\"}]}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(defined.statusCode()).isEqualTo(204);
        assertThat(apply("viaadmin1", "1", GuardrailContentSource.INPUT, "An okapi.").action())
                .isEqualTo(GuardrailAction.GUARDRAIL_INTERVENED);
    }

    @Test
    void aThrottlingRegionThrottlesGuardrailsToo() {
        emulator.configureRegion("eu-west-1", RegionBehaviour.builder()
                .failureRate(BedrockError.THROTTLING, 1.0).build());
        try (BedrockRuntimeClient eu = SdkClients.sync(emulator, "eu-west-1")) {
            assertThatThrownBy(() -> eu.applyGuardrail(r -> r.guardrailIdentifier("gr1abc").guardrailVersion("2")
                    .source(GuardrailContentSource.INPUT).content(GuardrailContentBlock.builder()
                            .text(b -> b.text("hi")).build()))).isInstanceOf(ThrottlingException.class);
        } finally {
            emulator.configureRegion("eu-west-1", RegionBehaviour.healthy());
        }
    }
}
