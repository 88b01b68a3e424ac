package dev.llmgateway.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.chat.EmbeddingRequest;
import dev.llmgateway.chat.GatewayCall;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.http.JsonBody;
import dev.llmgateway.http.JsonFields;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Reads an OpenAI embeddings request into an {@link EmbeddingRequest}, refusing what the gateway cannot serve. */
public class OpenAiEmbeddingsRequestReader implements Processor {

    /** OpenAI's own limit of inputs per request. */
    static final int MAX_INPUTS = 2048;
    private static final String NO_TOKENS = "'input' holds token ids; Bedrock's embedding models take text, and "
            + "token ids of OpenAI's tokenizers mean nothing to them. Send the texts as strings.";

    @Override
    public void process(Exchange exchange) {
        JsonNode body = JsonBody.readObject(exchange);
        OpenAiEmbeddingsFields.REQUEST.check(body, "");
        String model = JsonFields.requiredString(body, "model");
        List<String> texts = texts(body.get("input"));
        Integer dimensions = JsonFields.optionalPositiveInt(body, "dimensions");
        String encoding = JsonFields.optionalString(body, "encoding_format");
        if (encoding != null && !encoding.equals("float") && !encoding.equals("base64")) {
            throw GatewayException.invalidRequest("invalid_value",
                    "'encoding_format' must be \"float\" or \"base64\".");
        }
        GatewayCall.of(exchange).setEmbeddingRequest(new EmbeddingRequest(model, texts, dimensions,
                JsonFields.optionalString(body, "input_type"), "base64".equals(encoding)));
    }

    private static List<String> texts(JsonNode input) {
        if (input == null || input.isNull()) {
            throw JsonFields.missing("input");
        }
        if (input.isTextual()) {
            return List.of(nonEmpty(input.textValue(), "input"));
        }
        if (!input.isArray()) {
            throw JsonFields.wrongType("input", "a string or an array of strings", input);
        }
        if (input.isEmpty()) {
            throw GatewayException.invalidRequest("invalid_value", "'input' must hold at least one string.");
        }
        if (input.size() > MAX_INPUTS) {
            throw GatewayException.invalidRequest("invalid_value", "'input' holds " + input.size()
                    + " strings; at most " + MAX_INPUTS + " are taken per request.");
        }
        List<String> texts = new ArrayList<>(input.size());
        for (int i = 0; i < input.size(); i++) {
            JsonNode item = input.get(i);
            if (item.isIntegralNumber() || item.isArray()) {
                throw GatewayException.invalidRequest("unsupported_input", NO_TOKENS);
            }
            if (!item.isTextual()) {
                throw JsonFields.wrongType("input[" + i + "]", "a string", item);
            }
            texts.add(nonEmpty(item.textValue(), "input[" + i + "]"));
        }
        return texts;
    }

    private static String nonEmpty(String text, String at) {
        if (text.isEmpty()) {
            throw GatewayException.invalidRequest("invalid_value",
                    "'" + at + "' is empty; every input must hold text.");
        }
        return text;
    }
}
