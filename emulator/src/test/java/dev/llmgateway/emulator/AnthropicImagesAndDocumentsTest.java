package dev.llmgateway.emulator;

import static dev.llmgateway.emulator.MediaRequests.anthropicImage;
import static dev.llmgateway.emulator.MediaRequests.anthropicPdf;
import static dev.llmgateway.emulator.MediaRequests.anthropicText;
import static dev.llmgateway.emulator.MediaRequests.claude;
import static dev.llmgateway.emulator.MediaSamples.sha256Prefix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.CountTokensInput;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

/** Image and document blocks in Claude's Messages body on InvokeModel, its stream and CountTokens: answered, counted, refused. */
class AnthropicImagesAndDocumentsTest {
    private static final String QUESTION = "What do these show?";
    private static BedrockEmulator emulator;
    private static BedrockRuntimeClient client;
    private static BedrockRuntimeAsyncClient asyncClient;

    @BeforeAll
    static void start() {
        emulator = BedrockEmulator.start(0);
        client = SdkClients.sync(emulator, "us-east-1");
        asyncClient = SdkClients.async(emulator, "us-east-1");
    }

    @AfterAll
    static void stop() {
        client.close();
        asyncClient.close();
        emulator.close();
    }

    private static JsonNode invoke(JsonNode body) {
        return RequestBodies.read(client.invokeModel(r -> r.modelId(SdkClients.CLAUDE).body(RequestBodies.bytes(body))).body());
    }

    private static void assertRefused(JsonNode body, String message) {
        ThrowingCallable call = () -> invoke(body);
        assertThatThrownBy(call).isInstanceOfSatisfying(ValidationException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    }

    @Test
    void imagesAndDocumentsAreSeenCountedAndStreamed() throws Exception {
        byte[] webp = MediaSamples.webpExtended(1568, 100);
        byte[] pdf = MediaSamples.pdf(4);
        String notes = "Sales rose in spring.";
        ObjectNode body = claude(QUESTION, anthropicImage("image/webp", webp), anthropicPdf("Annual report", pdf), anthropicText(notes));

        JsonNode message = invoke(body);

        String text = message.at("/content/0/text").asText();
        assertThat(text).startsWith("I see an image (webp, 1568x100, sha256 " + sha256Prefix(webp) + "). "
                + "I read the document 'Annual report' (pdf, 4 pages, sha256 " + sha256Prefix(pdf) + "). "
                + "I read a document (txt, 4 words, sha256 " + sha256Prefix(notes.getBytes(StandardCharsets.UTF_8)) + "). You asked:");
        int inputTokens = message.at("/usage/input_tokens").asInt();
        assertThat(inputTokens).isEqualTo(EmulatorTokenizer.count(QUESTION) + 210 + 4 * 1500 + EmulatorTokenizer.count(notes));
        assertThat(client.countTokens(r -> r.modelId(SdkClients.CLAUDE)
                .input(CountTokensInput.fromInvokeModel(i -> i.body(RequestBodies.bytes(body))))).inputTokens()).isEqualTo(inputTokens);

        StreamingTest.AnthropicEvents stream = new StreamingTest.AnthropicEvents(asyncClient, SdkClients.CLAUDE, body);
        stream.done.get(10, TimeUnit.SECONDS);
        assertThat(stream.text()).isEqualTo(text);
        assertThat(stream.events.get(0).at("/message/usage/input_tokens").asInt()).isEqualTo(inputTokens);
    }

    @Test
    void imageBytesOfAnotherTypeOrSizeAreRefusedInAnthropicWording() {
        assertRefused(claude(QUESTION, anthropicImage("image/jpeg", MediaSamples.png(4, 4))),
                "messages.0.content.0.image.source.base64: The image was specified using the image/jpeg media type, "
                        + "but the image appears to be a image/png image");
        assertRefused(claude(QUESTION, anthropicImage("image/png", MediaSamples.png(8001, 2))),
                "messages.0.content.0.image.source.base64.data: At least one of the image dimensions exceed max allowed size: 8000 pixels");
        assertRefused(claude(QUESTION, anthropicImage("image/png", MediaSamples.padded(MediaSamples.png(2, 2), 3_932_161))),
                "messages.0.content.0.image.source.base64: image exceeds 5 MB maximum: 5242884 bytes > 5242880 bytes");
    }

    @Test
    void aMediaTypeOrSourceTypeOutsideTheSchemaIsMalformedInput() {
        assertRefused(claude(QUESTION, anthropicImage("image/bmp", MediaSamples.png(2, 2))), "Malformed input request: "
                + "#/messages/0/content/0/source/media_type: image/bmp is not a valid enum value, please reformat your input and try again.");
        ObjectNode url = anthropicImage("image/png", MediaSamples.png(2, 2));
        ((ObjectNode) url.get("source")).put("type", "url");
        assertRefused(claude(QUESTION, url), "Malformed input request: "
                + "#/messages/0/content/0/source/type: url is not a valid enum value, please reformat your input and try again.");
    }

    @Test
    void aPdfThatIsNoPdfIsRefused() {
        assertRefused(claude(QUESTION, anthropicPdf("report", "plain text".getBytes(StandardCharsets.US_ASCII))),
                "messages.0.content.0.document.source.base64.data: The PDF specified was not valid.");
    }

    @Test
    void tooManyImagesAndAnImageInAnAssistantTurnAreRefused() {
        ObjectNode[] images = new ObjectNode[21];
        Arrays.fill(images, anthropicImage("image/png", MediaSamples.png(2, 2)));
        assertRefused(claude(QUESTION, images), "too many images and documents: 21 + 0 > 20");

        ObjectNode body = claude(QUESTION);
        ArrayNode messages = (ArrayNode) body.get("messages");
        messages.addObject().put("role", "assistant").putArray("content").add(anthropicImage("image/png", MediaSamples.png(2, 2)));
        messages.addObject().put("role", "user").put("content", "Thanks");
        assertRefused(body, "messages.1.content: 'image' blocks are not permitted within assistant turns.");
    }
}
