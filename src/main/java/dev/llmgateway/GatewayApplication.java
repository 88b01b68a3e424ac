package dev.llmgateway;

import dev.llmgateway.anthropic.AnthropicErrorWriter;
import dev.llmgateway.anthropic.AnthropicMessageWriter;
import dev.llmgateway.anthropic.AnthropicMessagesRequestReader;
import dev.llmgateway.bedrock.BedrockTokenCounter;
import dev.llmgateway.bedrock.ConverseRequestBuilder;
import dev.llmgateway.config.GatewaySettings;
import dev.llmgateway.config.ModelCatalogs;
import dev.llmgateway.emulator.BedrockEmulator;
import dev.llmgateway.server.AsyncRoutingPlatformHttpEngine;
import dev.llmgateway.stream.AnthropicSseFormat;
import dev.llmgateway.stream.ConverseStreamResponder;
import dev.llmgateway.stream.OpenAiSseFormat;
import dev.llmgateway.server.RouterErrorPages;
import dev.llmgateway.http.HealthWriter;
import dev.llmgateway.http.ReadinessCheck;
import dev.llmgateway.http.RequestIdAssigner;
import dev.llmgateway.failover.FailoverConverseCaller;
import dev.llmgateway.failover.RegionBreakers;
import dev.llmgateway.guard.injection.InjectionGuardProcessor;
import dev.llmgateway.guard.pii.PiiRedactionProcessor;
import dev.llmgateway.guard.pii.PiiRestoreProcessor;
import dev.llmgateway.guard.tokens.TokenLimitProcessor;
import dev.llmgateway.model.ModelCatalog;
import dev.llmgateway.model.ModelResolver;
import dev.llmgateway.openai.ModelListWriter;
import dev.llmgateway.openai.OpenAiChatRequestReader;
import dev.llmgateway.openai.OpenAiChatResponseWriter;
import dev.llmgateway.openai.OpenAiErrorWriter;
import dev.llmgateway.upstream.BedrockClients;
import dev.llmgateway.upstream.UpstreamReadiness;
import dev.llmgateway.upstream.UpstreamResolver;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.PlatformHttpConstants;
import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running gateway: the upstream (Bedrock, or an emulator), the processors bound as beans, and Camel Main
 * loading the YAML routes that chain them behind the platform-http server.
 */
public final class GatewayApplication implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayApplication.class);
    static final String ROUTES = "classpath:routes/*.yaml";

    private final GatewaySettings settings;
    private final BedrockEmulator builtInEmulator;
    private final BedrockClients clients;
    private final SemanticCacheBeans cache;
    private final Main main;

    private GatewayApplication(GatewaySettings settings, BedrockEmulator builtInEmulator, BedrockClients clients,
                               SemanticCacheBeans cache, Main main) {
        this.settings = settings;
        this.builtInEmulator = builtInEmulator;
        this.clients = clients;
        this.cache = cache;
        this.main = main;
    }

    public static GatewayApplication start(GatewaySettings settings) throws Exception {
        UpstreamResolver.Upstream upstream = new UpstreamResolver().resolve(settings.upstream());
        BedrockEmulator emulator = null;
        if (upstream.needsBuiltInEmulator()) {
            emulator = BedrockEmulator.start(settings.upstream().emulatorPort());
            upstream = upstream.withEndpoint(emulator.endpoint());
        }
        announce(upstream);
        BedrockClients clients = new BedrockClients(upstream.endpoint(), upstream.credentials(),
                Duration.ofMillis(settings.upstream().timeoutMs()));
        Main main = new Main();
        configure(main, settings);
        SemanticCacheBeans cache = bindBeans(main, settings, clients, upstream);
        main.start();
        RouterErrorPages.install(main.getCamelContext(), settings.server().port(), settings.server().maxRequestBytes());
        GatewayApplication application = new GatewayApplication(settings, emulator, clients, cache, main);
        LOG.info("camel-llm-gateway listening on http://{}:{}/v1", settings.server().host(), settings.server().port());
        return application;
    }

    private static void announce(UpstreamResolver.Upstream upstream) {
        switch (upstream.mode()) {
            case EMULATOR -> {
                LOG.warn("************************************************************************");
                LOG.warn("* NOT CALLING AWS BEDROCK: answers come from the Bedrock EMULATOR at");
                LOG.warn("* {} ({}).", upstream.endpoint(), upstream.reason());
                LOG.warn("* Answers are canned extracts of the prompt, not a model's. For real");
                LOG.warn("* Bedrock, provide AWS credentials and set upstream.mode to bedrock.");
                LOG.warn("************************************************************************");
            }
            case BEDROCK -> LOG.info("Calling AWS Bedrock{} ({}).",
                    upstream.endpoint() == null ? "" : " at " + upstream.endpoint(), upstream.reason());
            default -> throw new IllegalStateException("unresolved upstream mode " + upstream.mode());
        }
    }

    private static void configure(Main main, GatewaySettings settings) {
        main.configure().withRoutesIncludePattern(ROUTES);
        main.configure().withName("camel-llm-gateway");
        main.addInitialProperty("camel.server.enabled", "true");
        main.addInitialProperty("camel.server.host", settings.server().host());
        main.addInitialProperty("camel.server.port", Integer.toString(settings.server().port()));
        main.addInitialProperty("camel.server.maxBodySize", Long.toString(settings.server().maxRequestBytes()));
    }

    private static SemanticCacheBeans bindBeans(Main main, GatewaySettings settings, BedrockClients clients,
                                                UpstreamResolver.Upstream upstream) {
        ModelCatalog catalog = ModelCatalogs.from(settings);
        Set<String> regions = new TreeSet<>();
        settings.models().values().forEach(m -> m.targets().forEach(t -> regions.add(t.region())));
        regions.forEach(region -> {
            main.bind("bedrock-" + region, clients.sync(region));
            main.bind("bedrock-async-" + region, clients.async(region));
        });

        main.bind(PlatformHttpConstants.PLATFORM_HTTP_ENGINE_NAME, new AsyncRoutingPlatformHttpEngine());
        main.bind("requestIdAssigner", new RequestIdAssigner());
        main.bind("openAiChatRequestReader", new OpenAiChatRequestReader());
        main.bind("modelResolver", new ModelResolver(catalog));
        GatewaySettings.Guards guards = settings.guards();
        main.bind("injectionGuard", new InjectionGuardProcessor(guards.injection()));
        main.bind("piiRedaction", new PiiRedactionProcessor(guards.pii()));
        main.bind("piiRestore", new PiiRestoreProcessor());
        main.bind("tokenLimits", new TokenLimitProcessor(guards.tokens(), new BedrockTokenCounter(clients::sync)));
        main.bind("converseRequestBuilder", new ConverseRequestBuilder());
        main.bind("bedrockConverseWithFailover",
                new FailoverConverseCaller(settings.failover(), new RegionBreakers(settings.failover())));
        main.bind("openAiChatResponseWriter", new OpenAiChatResponseWriter());
        main.bind("openAiErrorWriter", new OpenAiErrorWriter());
        main.bind("openAiStreamResponder", new ConverseStreamResponder(clients::async, new OpenAiSseFormat(), "chatcmpl-"));
        main.bind("anthropicMessagesRequestReader", new AnthropicMessagesRequestReader());
        main.bind("anthropicMessageWriter", new AnthropicMessageWriter());
        main.bind("anthropicErrorWriter", new AnthropicErrorWriter());
        main.bind("anthropicStreamResponder", new ConverseStreamResponder(clients::async, new AnthropicSseFormat(), "msg_"));
        main.bind("modelListWriter", new ModelListWriter(catalog));
        main.bind("livenessWriter", new HealthWriter(List.of()));
        main.bind("readinessWriter", new HealthWriter(List.of(
                new ReadinessCheck("upstream", new UpstreamReadiness(upstream)::isUsable))));
        return SemanticCacheBeans.bind(main, settings.cache(), clients, null);
    }

    public CamelContext camelContext() {
        return main.getCamelContext();
    }

    public int port() {
        return settings.server().port();
    }

    /** Blocks until the JVM is asked to stop (SIGTERM, Ctrl-C), then shuts down in order. */
    public void awaitShutdown() throws InterruptedException {
        java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            close();
            stopped.countDown();
        }, "gateway-shutdown"));
        stopped.await();
    }

    @Override
    public void close() {
        main.stop();
        cache.close();
        clients.close();
        if (builtInEmulator != null) {
            builtInEmulator.close();
        }
    }
}
