package dev.llmgateway.config;

import dev.llmgateway.auth.AuthSettings;
import dev.llmgateway.batch.BatchSettings;
import dev.llmgateway.cost.ModelPrice;
import dev.llmgateway.cache.CacheSettings;
import dev.llmgateway.embed.EmbeddingsSettings;
import dev.llmgateway.failover.FailoverSettings;
import dev.llmgateway.prompt.PromptTemplate;
import dev.llmgateway.guard.guardrail.GuardrailSettings;
import dev.llmgateway.guard.injection.InjectionGuardSettings;
import dev.llmgateway.guard.pii.PiiSettings;
import dev.llmgateway.guard.tokens.TokenLimitSettings;
import dev.llmgateway.logging.RequestLogSettings;
import dev.llmgateway.metrics.MetricsSettings;
import dev.llmgateway.tracing.TracingSettings;
import dev.llmgateway.limits.LimitsSettings;
import dev.llmgateway.limits.TeamLimits;
import dev.llmgateway.ledger.LedgerSettings;
import dev.llmgateway.http.RemoteImagesSettings;
import dev.llmgateway.responses.ResponsesSettings;
import java.util.List;
import java.util.Map;
import dev.llmgateway.store.StorageSettings;

/** Everything application.yaml can set, after defaults, environment overrides and validation. */
public record GatewaySettings(Server server, Upstream upstream, StorageSettings storage, AuthSettings auth,
                              Map<String, Model> models, Map<String, ModelPrice> pricing,
                              Map<String, Map<Integer, PromptTemplate>> templates, Guards guards,
                              FailoverSettings failover, LimitsSettings limits, Map<String, TeamLimits> teams,
                              Observability observability, LedgerSettings ledger, BatchSettings batch,
                              CacheSettings cache, EmbeddingsSettings embeddings, ResponsesSettings responses,
                              RemoteImagesSettings media) {

    public GatewaySettings {
        auth = auth == null ? new AuthSettings(null, null, null, null) : auth;
        pricing = pricing == null ? Map.of() : pricing;
        templates = templates == null ? Map.of() : templates;
        observability = observability == null ? new Observability(null, null, null) : observability;
        limits = limits == null ? LimitsSettings.defaults() : limits;
        teams = teams == null ? Map.of() : teams;
        ledger = ledger == null ? LedgerSettings.defaults() : ledger;
        cache = cache == null ? CacheSettings.defaults() : cache;
        embeddings = embeddings == null ? EmbeddingsSettings.defaults() : embeddings;
        responses = responses == null ? ResponsesSettings.defaults() : responses;
        media = media == null ? RemoteImagesSettings.defaults() : media;
    }

    /**
     * @param host            address the HTTP API binds to
     * @param port            port of the HTTP API
     * @param maxRequestBytes the largest request body accepted
     * @param idleTimeoutSeconds a connection on which no byte moves either way for this long is closed
     * @param requestReadTimeoutSeconds how long a client may take to send a request's head (on a new connection) and
     *                                  its body
     */
    public record Server(String host, int port, long maxRequestBytes, int idleTimeoutSeconds,
                         int requestReadTimeoutSeconds) {
    }

    /**
     * @param mode         auto, bedrock or emulator
     * @param endpoint     a Bedrock Runtime endpoint to use instead of AWS's (a VPC endpoint, or an emulator)
     * @param emulatorPort port of the built-in emulator (0 picks a free one)
     * @param timeoutMs    how long one upstream call may take
     */
    /**
     * @param credentialsProfile the AWS shared-config profile Bedrock calls are signed with; blank: the default chain
     */
    public record Upstream(UpstreamMode mode, String endpoint, String credentialsProfile, int emulatorPort,
                           long timeoutMs) {
    }

    /**
     * @param family           one of {@link dev.llmgateway.chat.ModelFamilies}
     * @param contextWindow    input plus output tokens the model accepts
     * @param maxOutputTokens  the most output tokens one answer may have
     * @param defaultMaxTokens output limit used when a request gives none
     * @param capabilities     names of what the model can do ({@link dev.llmgateway.chat.Capability}); none when left out
     * @param targets          regions in order of preference, each with its model id or inference profile
     * @param fallbacks        aliases tried in order once every region of this one failed or throttled; none when
     *                         left out
     */
    public record Model(String family, int contextWindow, Integer maxOutputTokens, Integer defaultMaxTokens,
                        List<String> capabilities, List<Target> targets, List<String> fallbacks) {

        public Model {
            // left out by embedding models, which write no tokens
            maxOutputTokens = maxOutputTokens == null ? 0 : maxOutputTokens;
            defaultMaxTokens = defaultMaxTokens == null ? 0 : defaultMaxTokens;
            capabilities = capabilities == null ? List.of() : capabilities;
            fallbacks = fallbacks == null ? List.of() : fallbacks;
        }
    }

    /**
     * @param region  AWS region, e.g. us-east-1
     * @param modelId Bedrock model id, inference profile id or ARN to call there
     * @param weight  relative share of requests that try this region first; null on every target: configured order
     */
    public record Target(String region, String modelId, Double weight) {
    }

    /**
     * @param tokens    token counting and hard limits
     * @param injection prompt-injection policy
     * @param pii       PII redaction
     * @param guardrails Bedrock guardrails per team and per model
     */
    public record Guards(TokenLimitSettings tokens, InjectionGuardSettings injection, PiiSettings pii,
                         GuardrailSettings guardrails) {

        public Guards {
            tokens = tokens == null ? TokenLimitSettings.defaults() : tokens;
            injection = injection == null ? InjectionGuardSettings.withPolicy(null) : injection;
            pii = pii == null ? PiiSettings.defaults() : pii;
            guardrails = guardrails == null ? GuardrailSettings.defaults() : guardrails;
        }
    }

    /**
     * @param requestLog the JSON request log
     * @param metrics    the Prometheus metrics endpoint
     * @param tracing    OpenTelemetry traces over OTLP
     */
    public record Observability(RequestLogSettings requestLog, MetricsSettings metrics, TracingSettings tracing) {

        public Observability {
            requestLog = requestLog == null ? RequestLogSettings.defaults() : requestLog;
            metrics = metrics == null ? MetricsSettings.defaults() : metrics;
            tracing = tracing == null ? TracingSettings.defaults() : tracing;
        }
    }
}
