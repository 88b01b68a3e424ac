package dev.llmgateway.config;

import dev.llmgateway.cache.CacheSettings;
import dev.llmgateway.failover.FailoverSettings;
import dev.llmgateway.guard.injection.InjectionGuardSettings;
import dev.llmgateway.guard.pii.PiiSettings;
import dev.llmgateway.guard.tokens.TokenLimitSettings;
import java.util.List;
import java.util.Map;

/** Everything application.yaml can set, after defaults, environment overrides and validation. */
public record GatewaySettings(Server server, Upstream upstream, Map<String, Model> models, Guards guards,
                              FailoverSettings failover, CacheSettings cache) {

    public GatewaySettings {
        cache = cache == null ? CacheSettings.defaults() : cache;
    }

    /**
     * @param host            address the HTTP API binds to
     * @param port            port of the HTTP API
     * @param maxRequestBytes the largest request body accepted
     */
    public record Server(String host, int port, long maxRequestBytes) {
    }

    /**
     * @param mode         auto, bedrock or emulator
     * @param endpoint     a Bedrock Runtime endpoint to use instead of AWS's (a VPC endpoint, or an emulator)
     * @param emulatorPort port of the built-in emulator (0 picks a free one)
     * @param timeoutMs    how long one upstream call may take
     */
    public record Upstream(UpstreamMode mode, String endpoint, int emulatorPort, long timeoutMs) {
    }

    /**
     * @param family           claude or titan-embed
     * @param contextWindow    input plus output tokens the model accepts
     * @param maxOutputTokens  the most output tokens one answer may have
     * @param defaultMaxTokens output limit used when a request gives none
     * @param targets          regions in order of preference, each with its model id or inference profile
     */
    public record Model(String family, int contextWindow, int maxOutputTokens, int defaultMaxTokens,
                        List<Target> targets) {
    }

    /**
     * @param region  AWS region, e.g. us-east-1
     * @param modelId Bedrock model id, inference profile id or ARN to call there
     */
    public record Target(String region, String modelId) {
    }

    /**
     * @param tokens    token counting and hard limits
     * @param injection prompt-injection policy
     * @param pii       PII redaction
     */
    public record Guards(TokenLimitSettings tokens, InjectionGuardSettings injection, PiiSettings pii) {

        public Guards {
            tokens = tokens == null ? TokenLimitSettings.defaults() : tokens;
            injection = injection == null ? InjectionGuardSettings.withPolicy(null) : injection;
            pii = pii == null ? PiiSettings.defaults() : pii;
        }
    }
}
