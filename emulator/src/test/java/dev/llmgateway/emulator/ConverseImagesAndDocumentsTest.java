package dev.llmgateway.emulator;

import static dev.llmgateway.emulator.MediaRequests.document;
import static dev.llmgateway.emulator.MediaRequests.image;
import static dev.llmgateway.emulator.MediaRequests.textDocument;
import static dev.llmgateway.emulator.MediaRequests.user;
import static dev.llmgateway.emulator.MediaSamples.sha256Prefix;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.CountTokensInput;
import software.amazon.awssdk.services.bedrockruntime.model.Message;

/**
 * Images and documents on Converse, ConverseStream and CountTokens through the SDK's sync and async clients: the
 * answer says what arrived (type, size, a hash of the bytes) and the input tokens count them as Bedrock does.
 */
class ConverseImagesAndDocumentsTest {
    private static final String PICTURE_QUESTION = "What is in this picture?";
    private static final String REPORT_QUESTION = "Summarise the report.";
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

    private static ConverseResponse converse(Message... messages) {
        return client.converse(r -> r.modelId(SdkClients.CLAUDE).messages(messages).inferenceConfig(c -> c.maxTokens(400)));
    }

    private static String text(ConverseResponse response) {
        return response.output().message().content().get(0).text();
    }

    private static int countTokens(Message... messages) {
        return client.countTokens(r -> r.modelId(SdkClients.CLAUDE).input(CountTokensInput.fromConverse(c -> c.messages(messages))))
                .inputTokens();
    }

    @Test
    void anImageIsSeenWithItsSizeAndHashAndCountedByItsPixels() {
        byte[] png = MediaSamples.png(640, 480);
        Message message = user(PICTURE_QUESTION, image("png", png));

        ConverseResponse response = converse(message);

        assertThat(text(response)).isEqualTo("I see an image (png, 640x480, sha256 " + sha256Prefix(png) + "). "
                + "You asked: \"What is in this picture?\" The short answer turns on \"picture\".");
        assertThat(response.usage().inputTokens()).isEqualTo(EmulatorTokenizer.count(PICTURE_QUESTION) + 410);
        assertThat(countTokens(message)).isEqualTo(response.usage().inputTokens());
    }

    @Test
    void eachImageTypeIsSeenAtTheSizeItsHeaderStates() {
        byte[] jpeg = MediaSamples.jpeg(33, 17);
        byte[] gif = MediaSamples.gif(7, 5);
        byte[] webp = MediaSamples.webpLossy(2000, 1000);
        Message message = user(PICTURE_QUESTION, image("jpeg", jpeg), image("gif", gif), image("webp", webp));

        ConverseResponse response = converse(message);

        assertThat(text(response)).startsWith("I see an image (jpeg, 33x17, sha256 " + sha256Prefix(jpeg) + "). "
                + "I see an image (gif, 7x5, sha256 " + sha256Prefix(gif) + "). "
                + "I see an image (webp, 2000x1000, sha256 " + sha256Prefix(webp) + "). You asked:");
        int webpTokens = 1599; // 2000x1000 fits 1568 px as 1568x784, then the 1,600-token cap as 1549x774
        assertThat(response.usage().inputTokens()).isEqualTo(EmulatorTokenizer.count(PICTURE_QUESTION) + 1 + 1 + webpTokens);
        assertThat(countTokens(message)).isEqualTo(response.usage().inputTokens());
    }

    @Test
    void aPdfIsReadAndCountedPerPage() {
        byte[] pdf = MediaSamples.pdf(3);
        Message message = user(REPORT_QUESTION, document("Quarterly report (draft) [v2]", "pdf", pdf));

        ConverseResponse response = converse(message);

        assertThat(text(response)).startsWith("I read the document 'Quarterly report (draft) [v2]' (pdf, 3 pages, sha256 "
                + sha256Prefix(pdf) + "). You said: \"Summarise the report.\"");
        assertThat(response.usage().inputTokens()).isEqualTo(EmulatorTokenizer.count(REPORT_QUESTION) + 3 * 1500);
        assertThat(countTokens(message)).isEqualTo(response.usage().inputTokens());
    }

    @Test
    void aTextDocumentCountsItsTextWhetherSentAsBytesOrAsText() {
        String notes = "# Notes\nRevenue grew by 12 percent in the third quarter.";
        byte[] bytes = notes.getBytes(StandardCharsets.UTF_8);
        Message asBytes = user(REPORT_QUESTION, document("notes", "md", bytes));
        Message asText = user(REPORT_QUESTION, textDocument("notes", "txt", notes));

        ConverseResponse fromBytes = converse(asBytes);
        ConverseResponse fromText = converse(asText);

        assertThat(text(fromBytes)).startsWith("I read the document 'notes' (md, 10 words, sha256 " + sha256Prefix(bytes) + ").");
        assertThat(text(fromText)).startsWith("I read the document 'notes' (txt, 10 words, sha256 " + sha256Prefix(bytes) + ").");
        int expected = EmulatorTokenizer.count(REPORT_QUESTION) + EmulatorTokenizer.count(notes);
        assertThat(fromBytes.usage().inputTokens()).isEqualTo(expected);
        assertThat(fromText.usage().inputTokens()).isEqualTo(expected);
        assertThat(countTokens(asText)).isEqualTo(expected);
    }

    @Test
    void aTurnOfOnlyAnImageIsAnsweredWithWhatWasSeen() {
        byte[] png = MediaSamples.png(20, 10);

        ConverseResponse response = converse(user("", image("png", png)));

        assertThat(text(response)).isEqualTo("I see an image (png, 20x10, sha256 " + sha256Prefix(png) + ").");
        assertThat(response.usage().inputTokens()).isEqualTo(1);
    }

    @Test
    void imagesOfEarlierTurnsStillCountButOnlyTheLastTurnsAreDescribed() {
        byte[] first = MediaSamples.png(750, 10);
        byte[] second = MediaSamples.png(75, 10);
        Message[] conversation = {user("Look at this.", image("png", first)),
                MediaRequests.message(ConversationRole.ASSISTANT, "A thin blue line."),
                user("And this one?", image("png", second))};

        ConverseResponse response = converse(conversation);

        assertThat(text(response))
                .startsWith("I see an image (png, 75x10, sha256 " + sha256Prefix(second) + "). You asked: \"And this one?\"");
        assertThat(response.usage().inputTokens()).isEqualTo(EmulatorTokenizer.count("Look at this.") + 10
                + EmulatorTokenizer.count("A thin blue line.") + EmulatorTokenizer.count("And this one?") + 1);
        assertThat(countTokens(conversation)).isEqualTo(response.usage().inputTokens());
    }

    @Test
    void theAsyncClientGetsTheSameAnswerAndConverseStreamStreamsIt() throws Exception {
        byte[] png = MediaSamples.png(640, 480);
        byte[] pdf = MediaSamples.pdf(2);
        Message message = user(REPORT_QUESTION, image("png", png), document("report", "pdf", pdf));
        ConverseResponse whole = converse(message);

        ConverseResponse async = asyncClient.converse(r -> r.modelId(SdkClients.CLAUDE).messages(message)
                .inferenceConfig(c -> c.maxTokens(400))).get(10, TimeUnit.SECONDS);
        MediaRequests.StreamedAnswer streamed = new MediaRequests.StreamedAnswer(asyncClient, message);
        streamed.done.get(10, TimeUnit.SECONDS);

        assertThat(text(whole)).startsWith("I see an image (png, 640x480, sha256 " + sha256Prefix(png) + "). "
                + "I read the document 'report' (pdf, 2 pages, sha256 " + sha256Prefix(pdf) + ").");
        assertThat(text(async)).isEqualTo(text(whole));
        assertThat(async.usage()).isEqualTo(whole.usage());
        assertThat(streamed.text.toString()).isEqualTo(text(whole));
        assertThat(streamed.usage.get().inputTokens()).isEqualTo(whole.usage().inputTokens())
                .isEqualTo(EmulatorTokenizer.count(REPORT_QUESTION) + 410 + 2 * 1500);
        assertThat(streamed.usage.get().outputTokens()).isEqualTo(whole.usage().outputTokens());
    }
}
