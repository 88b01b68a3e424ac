package dev.llmgateway.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import software.amazon.awssdk.core.SdkBytes;

/** Request bodies for the tests, and JSON reading without checked exceptions. */
final class RequestBodies {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String LONG_TEXT = "Apache Camel is an integration framework. "
            + "Camel routes move messages between endpoints such as queues, files and HTTP services. "
            + "The weather in the valley was mild last spring. "
            + "Routes in Camel are built from processors, and each processor transforms or routes messages. "
            + "A gateway built with Camel can route messages to Bedrock models and count their tokens. "
            + "Lunch was a sandwich with cheese. "
            + "Camel processors can be reused across routes, which keeps the gateway small and the routes readable.";

    private RequestBodies() {
    }

    static ObjectNode claude(String userText, int maxTokens) {
        ObjectNode body = MAPPER.createObjectNode().put("anthropic_version", "bedrock-2023-05-31").put("max_tokens", maxTokens);
        body.putArray("messages").addObject().put("role", "user").put("content", userText);
        return body;
    }

    static SdkBytes bytes(JsonNode body) {
        return SdkBytes.fromUtf8String(body.toString());
    }

    static JsonNode read(SdkBytes bytes) {
        return read(bytes.asUtf8String());
    }

    static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
