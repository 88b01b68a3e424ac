package dev.llmgateway.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.DocumentSource;
import software.amazon.awssdk.services.bedrockruntime.model.ImageSource;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.TokenUsage;

/** Image and document blocks for Converse through the SDK, their Anthropic body counterparts, and a ConverseStream reader. */
final class MediaRequests {

    private MediaRequests() {
    }

    static ContentBlock image(String format, byte[] bytes) {
        return ContentBlock.fromImage(i -> i.format(format).source(ImageSource.fromBytes(SdkBytes.fromByteArray(bytes))));
    }

    static ContentBlock document(String name, String format, byte[] bytes) {
        return ContentBlock.fromDocument(d -> d.name(name).format(format).source(DocumentSource.fromBytes(SdkBytes.fromByteArray(bytes))));
    }

    static ContentBlock textDocument(String name, String format, String text) {
        return ContentBlock.fromDocument(d -> d.name(name).format(format).source(DocumentSource.fromText(text)));
    }

    /** A user message: the images and documents first, as AWS's examples put them, then the text if there is one. */
    static Message user(String text, ContentBlock... media) {
        return message(ConversationRole.USER, text, media);
    }

    static Message message(ConversationRole role, String text, ContentBlock... media) {
        List<ContentBlock> content = new ArrayList<>(List.of(media));
        if (!text.isEmpty()) {
            content.add(ContentBlock.fromText(text));
        }
        return Message.builder().role(role).content(content).build();
    }

    /** A Claude body whose single user message holds the given blocks, then the text. */
    static ObjectNode claude(String text, ObjectNode... blocks) {
        ObjectNode body = RequestBodies.MAPPER.createObjectNode().put("anthropic_version", "bedrock-2023-05-31").put("max_tokens", 400);
        ArrayNode content = body.putArray("messages").addObject().put("role", "user").putArray("content");
        for (ObjectNode block : blocks) {
            content.add(block);
        }
        content.addObject().put("type", "text").put("text", text);
        return body;
    }

    static ObjectNode anthropicImage(String mediaType, byte[] bytes) {
        ObjectNode block = RequestBodies.MAPPER.createObjectNode().put("type", "image");
        block.putObject("source").put("type", "base64").put("media_type", mediaType).put("data", Base64.getEncoder().encodeToString(bytes));
        return block;
    }

    static ObjectNode anthropicPdf(String title, byte[] bytes) {
        ObjectNode block = RequestBodies.MAPPER.createObjectNode().put("type", "document").put("title", title);
        block.putObject("source").put("type", "base64").put("media_type", "application/pdf")
                .put("data", Base64.getEncoder().encodeToString(bytes));
        return block;
    }

    static ObjectNode anthropicText(String text) {
        ObjectNode block = RequestBodies.MAPPER.createObjectNode().put("type", "document");
        block.putObject("source").put("type", "text").put("media_type", "text/plain").put("data", text);
        return block;
    }

    /** The text and the usage of one ConverseStream. */
    static final class StreamedAnswer {
        final StringBuilder text = new StringBuilder();
        final CompletableFuture<TokenUsage> usage = new CompletableFuture<>();
        final CompletableFuture<Void> done;

        StreamedAnswer(BedrockRuntimeAsyncClient client, Message... messages) {
            ConverseStreamResponseHandler handler = ConverseStreamResponseHandler.builder()
                    .subscriber(ConverseStreamResponseHandler.Visitor.builder()
                            .onContentBlockDelta(e -> text.append(e.delta().text()))
                            .onMetadata(e -> usage.complete(e.usage()))
                            .build())
                    .build();
            done = client.converseStream(r -> r.modelId(SdkClients.CLAUDE).messages(messages)
                    .inferenceConfig(c -> c.maxTokens(400)), handler);
        }
    }
}
