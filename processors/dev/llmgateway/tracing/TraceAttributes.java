package dev.llmgateway.tracing;

import static io.opentelemetry.api.common.AttributeKey.booleanKey;
import static io.opentelemetry.api.common.AttributeKey.doubleKey;
import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringArrayKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;

import io.opentelemetry.api.common.AttributeKey;
import java.util.List;

/**
 * The attributes the gateway's spans carry: OpenTelemetry's GenAI, HTTP and error conventions, and the gateway's own
 * under {@code llmgateway.}. None carries prompt or answer text, nor a credential.
 */
final class TraceAttributes {

    /** gen_ai.provider.name (and the older gen_ai.system) of every model the gateway calls. */
    static final String PROVIDER = "aws.bedrock";

    static final AttributeKey<String> OPERATION = stringKey("gen_ai.operation.name");
    static final AttributeKey<String> PROVIDER_NAME = stringKey("gen_ai.provider.name");
    static final AttributeKey<String> SYSTEM = stringKey("gen_ai.system");
    static final AttributeKey<String> REQUEST_MODEL = stringKey("gen_ai.request.model");
    static final AttributeKey<Long> REQUEST_MAX_TOKENS = longKey("gen_ai.request.max_tokens");
    static final AttributeKey<Double> REQUEST_TEMPERATURE = doubleKey("gen_ai.request.temperature");
    static final AttributeKey<String> RESPONSE_MODEL = stringKey("gen_ai.response.model");
    static final AttributeKey<List<String>> FINISH_REASONS = stringArrayKey("gen_ai.response.finish_reasons");
    static final AttributeKey<Long> INPUT_TOKENS = longKey("gen_ai.usage.input_tokens");
    static final AttributeKey<Long> OUTPUT_TOKENS = longKey("gen_ai.usage.output_tokens");
    static final AttributeKey<String> SERVER_ADDRESS = stringKey("server.address");
    static final AttributeKey<String> CLOUD_REGION = stringKey("cloud.region");
    static final AttributeKey<Long> HTTP_STATUS = longKey("http.response.status_code");
    static final AttributeKey<String> ERROR_TYPE = stringKey("error.type");

    static final AttributeKey<String> REQUEST_ID = stringKey("llmgateway.request_id");
    static final AttributeKey<String> ROUTE = stringKey("llmgateway.route");
    static final AttributeKey<String> TEAM = stringKey("llmgateway.team");
    static final AttributeKey<String> FEATURE = stringKey("llmgateway.feature");
    static final AttributeKey<String> KEY_ID = stringKey("llmgateway.key_id");
    static final AttributeKey<Boolean> STREAM = booleanKey("llmgateway.stream");
    static final AttributeKey<String> MODEL = stringKey("llmgateway.model");
    static final AttributeKey<String> FALLBACK_FROM = stringKey("llmgateway.fallback_from");
    static final AttributeKey<String> CACHE = stringKey("llmgateway.cache");
    static final AttributeKey<String> OUTCOME = stringKey("llmgateway.outcome");
    static final AttributeKey<Long> ATTEMPT = longKey("llmgateway.attempt");

    private TraceAttributes() {
    }
}
