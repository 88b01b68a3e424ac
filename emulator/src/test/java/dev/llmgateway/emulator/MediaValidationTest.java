package dev.llmgateway.emulator;

import static dev.llmgateway.emulator.MediaRequests.document;
import static dev.llmgateway.emulator.MediaRequests.image;
import static dev.llmgateway.emulator.MediaRequests.textDocument;
import static dev.llmgateway.emulator.MediaRequests.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.CountTokensInput;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

/** Images and documents Bedrock refuses, refused with its ValidationException and wording on Converse, ConverseStream and CountTokens. */
class MediaValidationTest {
    private static final String MODEL_ERRORS = "The model returned the following errors: ";
    private static final String QUESTION = "What is this?";
    private static final String NOT_PARSED = MODEL_ERRORS + "messages.0.content.0.source.bytes: The document source bytes could not be "
            + "parsed as the specified format. If using a text-based format, try source.text instead of source.bytes.";
    private static final String NAME_REFUSED = "The document file name can only contain alphanumeric characters, whitespace "
            + "characters, hyphens, parentheses, and square brackets. The name can't contain more than one consecutive whitespace "
            + "character. Check that the file name conforms to these restrictions and retry your request.";
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

    private static void assertRefused(String message, Message... messages) {
        assertRefused(() -> converse(messages), message);
    }

    private static void assertRefused(ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ValidationException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    }

    private static String converse(Message... messages) {
        return client.converse(r -> r.modelId(SdkClients.CLAUDE).messages(messages).inferenceConfig(c -> c.maxTokens(100)))
                .output().message().content().get(0).text();
    }

    @Test
    void anImageFormatOutsideTheEnumIsAConstraintViolation() {
        assertRefused("1 validation error detected: Value 'jpg' at 'messages.0.member.content.0.member.image.format' failed to "
                        + "satisfy constraint: Member must satisfy enum value set: [png, jpeg, gif, webp]",
                user(QUESTION, image("jpg", MediaSamples.jpeg(4, 4))));
    }

    @Test
    void imageBytesOfAnotherTypeThanDeclaredAreRefused() {
        assertRefused(MODEL_ERRORS + "messages.0.content.0.image.source.bytes: The image was specified using the image/jpeg "
                + "media type, but the image appears to be a image/png image", user(QUESTION, image("jpeg", MediaSamples.png(4, 4))));
        assertRefused(MODEL_ERRORS + "messages.0.content.1.image.source.bytes: The image was specified using the image/webp "
                        + "media type, but the image appears to be a image/gif image",
                user(QUESTION, image("png", MediaSamples.png(4, 4)), image("webp", MediaSamples.gif(4, 4))));
    }

    @Test
    void bytesOfNoImageTypeCannotBeProcessed() {
        assertRefused(MODEL_ERRORS + "messages.0.content.0.image.source.bytes: Could not process image",
                user(QUESTION, image("png", "not an image".getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void anImageOver375MbIsRefusedByItsBase64Size() {
        byte[] tooLarge = MediaSamples.padded(MediaSamples.png(100, 100), 4_000_000);
        assertRefused(MODEL_ERRORS + "messages.0.content.0.image.source.bytes: image exceeds 5 MB maximum: 5333336 bytes > 5242880 bytes",
                user(QUESTION, image("png", tooLarge)));

        byte[] largest = MediaSamples.padded(MediaSamples.png(100, 100), 3_932_160);
        assertThat(converse(user(QUESTION, image("png", largest)))).startsWith("I see an image (png, 100x100");
    }

    @Test
    void anImageSideOver8000PxIsRefused() {
        assertRefused(MODEL_ERRORS + "messages.0.content.0.image.source.bytes: At least one of the image dimensions exceed max allowed "
                + "size: 8000 pixels", user(QUESTION, image("png", MediaSamples.png(3, 8001))));
        assertThat(converse(user(QUESTION, image("gif", MediaSamples.gif(8000, 2))))).startsWith("I see an image (gif, 8000x2");
    }

    @Test
    void moreThan20ImagesAndDocumentsTogetherAreRefused() {
        ContentBlock[] images = IntStream.range(0, 21).mapToObj(i -> image("png", MediaSamples.png(2, 2))).toArray(ContentBlock[]::new);
        assertRefused(MODEL_ERRORS + "too many images and documents: 21 + 0 > 20", user(QUESTION, images));

        ContentBlock[] mixed = IntStream.range(0, 21).mapToObj(i -> i < 20 ? image("png", MediaSamples.png(2, 2))
                : document("report", "pdf", MediaSamples.pdf(1))).toArray(ContentBlock[]::new);
        assertRefused(MODEL_ERRORS + "too many images and documents: 20 + 1 > 20", user(QUESTION, mixed));
    }

    @Test
    void moreThanFiveDocumentsAreRefused() {
        ContentBlock[] documents = IntStream.range(0, 6).mapToObj(i -> textDocument("notes " + i, "txt", "Note " + i))
                .toArray(ContentBlock[]::new);
        assertRefused("You can't include more than 5 documents in a request.", user(QUESTION, documents));
    }

    @Test
    void aDocumentOver45MbIsRefused() {
        String large = String.join("", Collections.nCopies(4_718_593, "a"));
        assertRefused("The maximum document size is 4.5 MB.",
                user(QUESTION, document("large", "txt", large.getBytes(StandardCharsets.US_ASCII))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"report.pdf", "John's report", "two  spaces", "tab\there", "r\u00e9sum\u00e9"})
    void aDocumentNameBedrockRefusesIsRefused(String name) {
        assertRefused(NAME_REFUSED, user(QUESTION, textDocument(name, "txt", "Some notes.")));
    }

    @Test
    void aNameOfTheAllowedCharactersIsAccepted() {
        assertThat(converse(user(QUESTION, textDocument("Report (v2) [final]-draft_3", "txt", "Some notes."))))
                .startsWith("I read the document 'Report (v2) [final]-draft_3' (txt, 2 words");
    }

    @Test
    void twoDocumentsOfTheSameNameAreRefused() {
        assertRefused("Messages can't contain duplicate document names.", user("First", textDocument("notes", "txt", "One.")),
                MediaRequests.message(ConversationRole.ASSISTANT, "Noted."), user(QUESTION, textDocument("notes", "md", "Two.")));
    }

    @Test
    void documentBytesNotOfTheDeclaredFormatAreRefused() {
        assertRefused(NOT_PARSED, user(QUESTION, document("report", "pdf", MediaSamples.png(4, 4))));
        assertRefused(NOT_PARSED, user(QUESTION, document("report", "docx", MediaSamples.pdf(1))));
        assertRefused(NOT_PARSED, user(QUESTION, document("notes", "txt", new byte[] {'a', (byte) 0xC3, '('})));
    }

    @Test
    void imagesAndDocumentsAreRefusedInAnAssistantTurn() {
        assertRefused(MODEL_ERRORS + "messages.1.content: 'image' blocks are not permitted within assistant turns.", user(QUESTION),
                MediaRequests.message(ConversationRole.ASSISTANT, "Here it is.", image("png", MediaSamples.png(2, 2))), user("Thanks"));
        assertRefused(MODEL_ERRORS + "messages.1.content: 'document' blocks are not permitted within assistant turns.", user(QUESTION),
                MediaRequests.message(ConversationRole.ASSISTANT, "Here it is.", textDocument("notes", "txt", "x")), user("Thanks"));
    }

    @Test
    void converseStreamAndCountTokensRefuseAsConverseDoes() {
        Message wrongType = user(QUESTION, image("gif", MediaSamples.png(4, 4)));
        String message = MODEL_ERRORS + "messages.0.content.0.image.source.bytes: The image was specified using the image/gif "
                + "media type, but the image appears to be a image/png image";

        MediaRequests.StreamedAnswer stream = new MediaRequests.StreamedAnswer(asyncClient, wrongType);
        assertThatThrownBy(() -> stream.done.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e.getCause()).awsErrorDetails().errorMessage()).isEqualTo(message));
        assertRefused(() -> client.countTokens(r -> r.modelId(SdkClients.CLAUDE)
                .input(CountTokensInput.fromConverse(c -> c.messages(wrongType)))), message);
    }
}
