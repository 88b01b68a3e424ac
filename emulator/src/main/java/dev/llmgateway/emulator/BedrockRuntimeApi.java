package dev.llmgateway.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** Answers the five model operations and ApplyGuardrail for the region the request was signed for. */
final class BedrockRuntimeApi {
    private static final String EVENT_STREAM = "application/vnd.amazon.eventstream";
    private static final String NOT_A_CHAT_MODEL =
            "This action doesn't support the model that you provided. Try again with a supported text or chat model.";
    private static final String NO_TOKEN_COUNTING = "The provided model doesn't support counting tokens.";

    private static final Pattern GUARDRAIL_IDENTIFIER = Pattern.compile(
            "(([a-z0-9]+)|(arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:guardrail/[a-z0-9]+))");
    private static final Pattern GUARDRAIL_VERSION = Pattern.compile(
            "(([1-9][0-9]{0,7})|(DRAFT))");

    private final Vertx vertx;
    private final RegionRegistry regions;
    private final GuardrailRegistry guardrails;

    BedrockRuntimeApi(Vertx vertx, RegionRegistry regions, GuardrailRegistry guardrails) {
        this.vertx = vertx;
        this.regions = regions;
        this.guardrails = guardrails;
    }

    /** ApplyGuardrail: {@code POST /guardrail/{guardrailIdentifier}/version/{guardrailVersion}/apply}. */
    void applyGuardrail(HttpServerRequest request, String encodedIdentifier, String version, Buffer body) {
        Call call = signedCall(request);
        if (call == null) {
            return;
        }
        try {
            String identifier = URLDecoder.decode(encodedIdentifier.replace("+", "%2B"), StandardCharsets.UTF_8);
            if (!GUARDRAIL_IDENTIFIER.matcher(identifier).matches()) {
                throw BedrockFailure.constraintViolated("'" + identifier + "'", "guardrailIdentifier",
                        "Member must satisfy regular expression pattern: " + GUARDRAIL_IDENTIFIER.pattern());
            }
            if (!GUARDRAIL_VERSION.matcher(version).matches()) {
                throw BedrockFailure.constraintViolated("'" + version + "'", "guardrailVersion",
                        "Member must satisfy regular expression pattern: " + GUARDRAIL_VERSION.pattern());
            }
            JsonNode json = Json.parseBody(body.getBytes());
            GuardrailDefinition guardrail = guardrails.find(identifier, version).orElseThrow(() -> new BedrockFailure(
                    BedrockError.RESOURCE_NOT_FOUND,
                    "The guardrail identifier or version provided in the request does not exist."));
            call.region.admit(0);
            ObjectNode answer = GuardrailAssessor.assess(guardrail, json, call.startNanos);
            Replies.after(vertx, call.response, call.region.behaviour().firstByteLatencyMs(), () ->
                    Replies.json(call.response, 200, answer, Map.of(Replies.REQUEST_ID, call.requestId)));
        } catch (BedrockFailure failure) {
            Replies.error(call.response, failure, call.requestId, call.region.behaviour());
        }
    }

    /** @return the call in the region the request was signed for, or null when it was answered as unsigned */
    private Call signedCall(HttpServerRequest request) {
        String authorization = request.getHeader(AuthorizationHeader.NAME);
        if (!AuthorizationHeader.carriesCredentials(authorization)) {
            Replies.missingAuthenticationToken(request.response(), UUID.randomUUID().toString());
            return null;
        }
        Call call = new Call(request.response(), regions.region(SigV4Region.of(authorization)));
        call.region.counters().requestReceived();
        return call;
    }

    void handle(HttpServerRequest request, RuntimeOperation operation, String encodedModelId, Buffer body) {
        Call call = signedCall(request);
        if (call == null) {
            return;
        }
        try {
            ModelId model = ModelId.parse(encodedModelId);
            JsonNode json = Json.parseBody(body.getBytes());
            switch (operation) {
                case INVOKE_MODEL -> invokeModel(call, model, json);
                case INVOKE_MODEL_WITH_RESPONSE_STREAM -> invokeModelWithResponseStream(call, model, json);
                case CONVERSE -> converse(call, model, json);
                case CONVERSE_STREAM -> converseStream(call, model, json);
                case COUNT_TOKENS -> countTokens(call, model, json);
            }
        } catch (BedrockFailure failure) {
            Replies.error(call.response, failure, call.requestId, call.region.behaviour());
        }
    }

    private void invokeModel(Call call, ModelId model, JsonNode body) {
        if (model.family() == ModelFamily.COHERE_EMBED) {
            CohereEmbedder.Request request = CohereEmbedder.parse(body);
            int inputTokens = request.inputTokens();
            call.region.admit(inputTokens);
            ObjectNode embeddings = CohereEmbedder.embed(request);
            Replies.after(vertx, call.response, call.region.behaviour().firstByteLatencyMs(), () ->
                    Replies.json(call.response, 200, embeddings, call.usageHeaders(inputTokens, null)));
            return;
        }
        if (!model.family().isChat()) {
            ObjectNode embedding = TitanEmbedder.embed(model.family(), body);
            int inputTokens = embedding.get("inputTextTokenCount").intValue();
            call.region.admit(inputTokens);
            Replies.after(vertx, call.response, call.region.behaviour().firstByteLatencyMs(), () ->
                    Replies.json(call.response, 200, embedding, call.usageHeaders(inputTokens, null)));
            return;
        }
        requireMessagesBody(model);
        ChatPrompt prompt = AnthropicRequestParser.parse(body);
        List<PromptCacheSimulator.CacheCheckpoint> checkpoints = AnthropicCacheControls.of(body, prompt);
        GeneratedAnswer answer = AnswerGenerator.answer(prompt);
        call.region.admit(prompt.inputTokens() + answer.outputTokens());
        PromptCacheSimulator.PromptTokens tokens = promptTokens(call, model, checkpoints, prompt);
        String messageId = newMessageId();
        Replies.after(vertx, call.response, call.generationTimeMs(answer), () ->
                Replies.json(call.response, 200, AnthropicMessages.message(messageId, model, answer, tokens),
                        call.usageHeaders(tokens.inputTokens(), answer.outputTokens())));
    }

    private void invokeModelWithResponseStream(Call call, ModelId model, JsonNode body) {
        requireChat(model);
        requireMessagesBody(model);
        ChatPrompt prompt = AnthropicRequestParser.parse(body);
        List<PromptCacheSimulator.CacheCheckpoint> checkpoints = AnthropicCacheControls.of(body, prompt);
        GeneratedAnswer answer = AnswerGenerator.answer(prompt);
        call.region.admit(prompt.inputTokens() + answer.outputTokens());
        Map<String, String> headers = call.streamHeaders();
        headers.put("X-Amzn-Bedrock-Content-Type", "application/json");
        StreamDialect dialect = new AnthropicStreamDialect(newMessageId(), model, answer,
                promptTokens(call, model, checkpoints, prompt));
        new TokenStreamSession(vertx, call.response, headers, dialect, answer, call.region, call.startNanos).start();
    }

    private void converse(Call call, ModelId model, JsonNode body) {
        requireChat(model);
        call.region.counters().converseReceived(body);
        AdditionalModelFields.check(model.family(), body.path("additionalModelRequestFields"));
        ChatPrompt prompt = ConverseRequestParser.parse(body);
        List<PromptCacheSimulator.CacheCheckpoint> checkpoints = ConverseCachePoints.of(body, prompt, model.family());
        GeneratedAnswer answer = ReasoningGenerator.answer(prompt, body);
        call.region.admit(prompt.inputTokens() + answer.outputTokens());
        PromptCacheSimulator.PromptTokens tokens = promptTokens(call, model, checkpoints, prompt);
        Replies.after(vertx, call.response, call.generationTimeMs(answer), () ->
                Replies.json(call.response, 200, ConverseMessages.response(answer, tokens, call.elapsedMs()),
                        Map.of(Replies.REQUEST_ID, call.requestId)));
    }

    private void converseStream(Call call, ModelId model, JsonNode body) {
        requireChat(model);
        call.region.counters().converseReceived(body);
        AdditionalModelFields.check(model.family(), body.path("additionalModelRequestFields"));
        ChatPrompt prompt = ConverseRequestParser.parse(body);
        List<PromptCacheSimulator.CacheCheckpoint> checkpoints = ConverseCachePoints.of(body, prompt, model.family());
        GeneratedAnswer answer = ReasoningGenerator.answer(prompt, body);
        call.region.admit(prompt.inputTokens() + answer.outputTokens());
        StreamDialect dialect = new ConverseStreamDialect(answer, promptTokens(call, model, checkpoints, prompt));
        new TokenStreamSession(vertx, call.response, call.streamHeaders(), dialect, answer, call.region, call.startNanos).start();
    }

    /** The prompt's tokens once the region's prompt cache has read and written the request's checkpoints. */
    private static PromptCacheSimulator.PromptTokens promptTokens(Call call, ModelId model,
            List<PromptCacheSimulator.CacheCheckpoint> checkpoints, ChatPrompt prompt) {
        return checkpoints.isEmpty() ? PromptCacheSimulator.PromptTokens.uncached(prompt.inputTokens())
                : call.region.promptCache().account(model.baseModelId(), checkpoints, prompt.inputTokens());
    }

    /** Free, and outside the quotas: CountTokens only reads the prompt. */
    private void countTokens(Call call, ModelId model, JsonNode body) {
        requireChat(model);
        if (!model.family().countsTokens()) {
            throw BedrockFailure.validation(NO_TOKEN_COUNTING);
        }
        JsonNode input = body.path("input");
        int inputTokens;
        if (input.has("invokeModel")) {
            inputTokens = AnthropicRequestParser.parse(Json.parseBody(base64(input.path("invokeModel").path("body")))).inputTokens();
        } else if (input.has("converse")) {
            inputTokens = ConverseRequestParser.parse(input.get("converse")).inputTokens();
        } else {
            throw BedrockFailure.validation("CountTokens input must contain either invokeModel or converse.");
        }
        Replies.json(call.response, 200, Json.object().put("inputTokens", inputTokens), Map.of(Replies.REQUEST_ID, call.requestId));
    }

    private static byte[] base64(JsonNode blob) {
        try {
            return Base64.getDecoder().decode(blob.asText(""));
        } catch (IllegalArgumentException e) {
            throw BedrockFailure.validation("input.invokeModel.body is not valid base64.");
        }
    }

    private static void requireChat(ModelId model) {
        if (!model.family().isChat()) {
            throw BedrockFailure.validation(NOT_A_CHAT_MODEL);
        }
    }

    /** Bedrock would read the model's own body; the emulator knows only Anthropic's, so it says what it cannot do. */
    private static void requireMessagesBody(ModelId model) {
        if (!model.family().takesMessagesBody()) {
            throw BedrockFailure.validation("Malformed input request: the emulator reads only Anthropic's Messages "
                    + "body on InvokeModel; call " + model.requested() + " through Converse.");
        }
    }

    private static String newMessageId() {
        return "msg_bdrk_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }

    /** What one request carries from start to reply. */
    private static final class Call {
        final HttpServerResponse response;
        final RegionState region;
        final String requestId = UUID.randomUUID().toString();
        final long startNanos = System.nanoTime();

        Call(HttpServerResponse response, RegionState region) {
            this.response = response;
            this.region = region;
        }

        long generationTimeMs(GeneratedAnswer answer) {
            RegionBehaviour behaviour = region.behaviour();
            return behaviour.firstByteLatencyMs() + behaviour.timePerTokenMs() * answer.outputTokens();
        }

        long elapsedMs() {
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        }

        /** InvokeModel's usage headers; computed when the reply is written, so the latency is real. */
        Map<String, String> usageHeaders(int inputTokens, Integer outputTokens) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put(Replies.REQUEST_ID, requestId);
            headers.put("X-Amzn-Bedrock-Invocation-Latency", String.valueOf(elapsedMs()));
            headers.put("X-Amzn-Bedrock-Input-Token-Count", String.valueOf(inputTokens));
            if (outputTokens != null) {
                headers.put("X-Amzn-Bedrock-Output-Token-Count", String.valueOf(outputTokens));
            }
            return headers;
        }

        Map<String, String> streamHeaders() {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", EVENT_STREAM);
            headers.put(Replies.REQUEST_ID, requestId);
            return headers;
        }
    }
}
