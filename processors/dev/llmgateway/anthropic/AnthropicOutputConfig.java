package dev.llmgateway.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.chat.ResponseFormat;
import dev.llmgateway.http.JsonFields;

/** A Messages request's {@code output_config}: the format the answer must have. */
final class AnthropicOutputConfig {
    /** The name the schema takes where Bedrock needs one (Anthropic's format has none). */
    static final String ANSWER_NAME = "structured_answer";

    private AnthropicOutputConfig() {
    }

    /** @return the JSON schema the answer must match, or null for a free answer */
    static ResponseFormat responseFormat(JsonNode body) {
        JsonNode config = body.get("output_config");
        if (config == null || config.isNull()) {
            return null;
        }
        AnthropicMessagesFields.OUTPUT_CONFIG.check(JsonFields.requiredObject(config, "output_config"),
                "output_config.");
        JsonNode format = config.get("format");
        if (format == null || format.isNull()) {
            return null;
        }
        AnthropicMessagesFields.OUTPUT_FORMAT.check(JsonFields.requiredObject(format, "output_config.format"),
                "output_config.format.");
        String type = JsonFields.requiredString(format, "type", "output_config.format");
        if (!"json_schema".equals(type)) {
            throw GatewayException.invalidRequest("invalid_value", "output_config.format.type '" + type
                    + "' is not json_schema, the one format type there is.");
        }
        return new ResponseFormat(ANSWER_NAME,
                JsonFields.requiredObject(format.get("schema"), "output_config.format.schema"));
    }
}
