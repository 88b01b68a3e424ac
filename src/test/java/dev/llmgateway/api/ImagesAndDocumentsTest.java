package dev.llmgateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.messages.Base64ImageSource;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.DocumentBlockParam;
import com.anthropic.models.messages.ImageBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.PlainTextSource;
import com.anthropic.models.messages.TextBlockParam;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionContentPart;
import com.openai.models.chat.completions.ChatCompletionContentPartImage;
import com.openai.models.chat.completions.ChatCompletionContentPartText;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.llmgateway.chat.Sha256;
import dev.llmgateway.testing.TestGateway;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Images and documents reach the model intact through both SDKs, and what the gateway cannot check is refused. */
class ImagesAndDocumentsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestGateway gateway;
    private static TestGateway redacting;
    private static OpenAIClient openAi;
    private static AnthropicClient anthropic;
    private static byte[] png;

    @BeforeAll
    static void start() throws Exception {
        gateway = TestGateway.start();
        redacting = TestGateway.start(Map.of("LLMGW_GUARDS_PII_REDACTUPSTREAM", "true"));
        openAi = OpenAIOkHttpClient.builder().apiKey(TestGateway.API_KEY).baseUrl(gateway.uri("/v1").toString())
                .maxRetries(0).build();
        anthropic = AnthropicOkHttpClient.builder().apiKey(TestGateway.API_KEY).baseUrl(gateway.uri("").toString())
                .maxRetries(0).build();
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(image, "png", bytes);
        png = bytes.toByteArray();
    }

    @AfterAll
    static void stop() {
        openAi.close();
        anthropic.close();
        gateway.close();
        redacting.close();
    }

    @Test
    void anImageReachesTheModelIntactThroughTheOpenAiSdk() {
        ChatCompletion completion = openAi.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("claude-3-5-sonnet")
                .addUserMessageOfArrayOfContentParts(List.of(
                        ChatCompletionContentPart.ofText(ChatCompletionContentPartText.builder()
                                .text("What is in this picture?").build()),
                        ChatCompletionContentPart.ofImageUrl(ChatCompletionContentPartImage.builder()
                                .imageUrl(ChatCompletionContentPartImage.ImageUrl.builder().url(dataUrl("image/png", png))
                                        .build()).build())))
                .build());

        assertThat(completion.choices().get(0).message().content()).hasValueSatisfying(text ->
                assertThat(text).contains("png").contains(Sha256.hex(png).substring(0, 8)));
    }

    @Test
    void anInputImageReachesTheModelIntactThroughTheResponsesApi() throws Exception {
        HttpResponse<String> response = gateway.post("/v1/responses", """
                {"model": "claude-3-5-sonnet", "store": false, "input": [{"role": "user", "content": [
                  {"type": "input_text", "text": "What is in this picture?"},
                  {"type": "input_image", "image_url": "%s", "detail": "auto"}]}]}""".formatted(dataUrl("image/png",
                png)));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).at("/output/0/content/0/text").asText()).contains("png")
                .contains(Sha256.hex(png).substring(0, 8));
    }

    @Test
    void anImageAndATextDocumentReachTheModelThroughTheAnthropicSdk() {
        String report = "Quarterly report: sales rose by a tenth.";
        Message message = anthropic.messages().create(MessageCreateParams.builder().model("claude-3-5-sonnet")
                .maxTokens(200)
                .addUserMessageOfBlockParams(List.of(
                        ContentBlockParam.ofImage(ImageBlockParam.builder().source(Base64ImageSource.builder()
                                .mediaType(Base64ImageSource.MediaType.IMAGE_PNG)
                                .data(Base64.getEncoder().encodeToString(png)).build()).build()),
                        ContentBlockParam.ofDocument(DocumentBlockParam.builder().source(PlainTextSource.builder()
                                .data(report).build()).title("report").build()),
                        ContentBlockParam.ofText(TextBlockParam.builder().text("Summarize both.").build())))
                .build());

        assertThat(message.content().get(0).text()).hasValueSatisfying(text -> assertThat(text.text())
                .contains(Sha256.hex(png).substring(0, 8))
                .contains(Sha256.hex(report.getBytes(StandardCharsets.UTF_8)).substring(0, 8)));
    }

    @Test
    void aTeamThatRedactsPersonalDataIsRefusedWhatCannotBeChecked() throws Exception {
        HttpResponse<String> response = redacting.post("/v1/chat/completions", """
                {"model": "claude-3-5-sonnet", "messages": [{"role": "user", "content": [
                  {"type": "text", "text": "What is this?"},
                  {"type": "image_url", "image_url": {"url": "%s"}}]}]}""".formatted(dataUrl("image/png", png)));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("error").path("code").asText())
                .isEqualTo("pii_uninspectable_content");
    }

    @Test
    void aModelThatCannotSeeImagesRefusesThemNamingBoth() throws Exception {
        HttpResponse<String> response = gateway.post("/v1/chat/completions", """
                {"model": "claude-3-5-haiku", "messages": [{"role": "user", "content": [
                  {"type": "image_url", "image_url": {"url": "%s"}}]}]}""".formatted(dataUrl("image/png", png)));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("error").path("message").asText())
                .contains("claude-3-5-haiku").contains("images");
    }

    private static String dataUrl(String mediaType, byte[] bytes) {
        return "data:" + mediaType + ";base64," + Base64.getEncoder().encodeToString(bytes);
    }
}
