package dev.llmgateway.bedrock;

import dev.llmgateway.chat.ChatRequest;
import dev.llmgateway.chat.ContentBlock;
import dev.llmgateway.chat.GatewayException;
import java.util.HashSet;
import java.util.Set;

/** Converse's limits on the images and documents of one request. */
final class MediaLimits {

    private static final int MAX_IMAGES = 20;
    private static final int MAX_DOCUMENTS = 5;
    /** Bedrock counts images and documents together against this too. */
    private static final int MAX_MEDIA = 20;

    private MediaLimits() {
    }

    static void check(ChatRequest request) {
        long images = count(request, ContentBlock.Image.class) + count(request, ContentBlock.ImageLink.class);
        if (images > MAX_IMAGES) {
            throw GatewayException.invalidRequest("invalid_value", "The request holds " + images + " images; Bedrock "
                    + "takes at most " + MAX_IMAGES + " in one request.");
        }
        long documents = count(request, ContentBlock.Document.class);
        if (documents > MAX_DOCUMENTS) {
            throw GatewayException.invalidRequest("invalid_value", "The request holds " + documents + " documents; "
                    + "Bedrock takes at most " + MAX_DOCUMENTS + " in one request.");
        }
        if (images + documents > MAX_MEDIA) {
            throw GatewayException.invalidRequest("invalid_value", "The request holds " + (images + documents)
                    + " images and documents; Bedrock takes at most " + MAX_MEDIA + " in all in one request.");
        }
        Set<String> names = new HashSet<>();
        request.messages().stream().flatMap(message -> message.blocks().stream())
                .filter(ContentBlock.Document.class::isInstance).map(block -> ((ContentBlock.Document) block).name())
                .forEach(name -> {
                    if (!names.add(name)) {
                        throw GatewayException.invalidRequest("invalid_value", "Two documents are named '" + name
                                + "'; Bedrock wants each document of a request to have its own name.");
                    }
                });
    }

    private static long count(ChatRequest request, Class<? extends ContentBlock> kind) {
        return request.messages().stream().flatMap(message -> message.blocks().stream()).filter(kind::isInstance)
                .count();
    }
}
