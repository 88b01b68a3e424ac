package dev.llmgateway.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ModelIdTest {

    @Test
    void decodesPercentEncodingButKeepsPlus() {
        ModelId id = ModelId.parse("arn%3Aaws%3Abedrock%3Aus-east-1%3A%3Afoundation-model%2Famazon.titan-embed-text-v2%3A0");
        assertThat(id.requested()).isEqualTo("arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-embed-text-v2:0");
        assertThat(id.baseModelId()).isEqualTo("amazon.titan-embed-text-v2:0");
        assertThat(id.family()).isEqualTo(ModelFamily.TITAN_EMBED_V2);
        assertThat(ModelId.percentDecode("anthropic.claude+x%3A0")).isEqualTo("anthropic.claude+x:0");
    }

    @Test
    void stripsInferenceProfilePrefixes() {
        assertThat(ModelId.parse("us-gov.anthropic.claude-3-haiku-20240307-v1%3A0").baseModelId())
                .isEqualTo("anthropic.claude-3-haiku-20240307-v1:0");
        assertThat(ModelId.parse("jp.anthropic.claude-3-haiku-20240307-v1:0").anthropicModelName()).isEqualTo("claude-3-haiku-20240307");
        assertThat(ModelId.parse("amazon.titan-embed-text-v1").family()).isEqualTo(ModelFamily.TITAN_EMBED_V1);
    }

    @Test
    void knowsTheOtherChatFamiliesOfTheDefaultCatalogue() {
        assertThat(ModelId.parse("us.amazon.nova-pro-v1%3A0").family()).isEqualTo(ModelFamily.NOVA);
        assertThat(ModelId.parse("us.meta.llama4-maverick-17b-instruct-v1%3A0").family()).isEqualTo(ModelFamily.LLAMA);
        assertThat(ModelId.parse("mistral.mistral-large-3-675b-instruct").family()).isEqualTo(ModelFamily.MISTRAL);
        assertThat(ModelId.parse("us.anthropic.claude-opus-4-6-v1").anthropicModelName()).isEqualTo("claude-opus-4-6");
    }

    @Test
    void rejectsWhatItCannotPlay() {
        assertThatThrownBy(() -> ModelId.parse("cohere.command-r-v1%3A0")).isInstanceOf(BedrockFailure.class)
                .hasMessage("The provided model identifier is invalid.");
        assertThatThrownBy(() -> ModelId.parse("us.anthropic.claude-3-5-sonnet-20990101-v1%3A0")).isInstanceOf(BedrockFailure.class)
                .hasMessage("The provided model identifier is invalid.");
        assertThatThrownBy(() -> ModelId.parse("arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123"))
                .isInstanceOf(BedrockFailure.class);
    }
}
