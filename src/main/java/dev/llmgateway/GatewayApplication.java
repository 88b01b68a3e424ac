package dev.llmgateway;

import dev.llmgateway.admin.AdminAuthenticator;
import dev.llmgateway.admin.ApiKeyCreator;
import dev.llmgateway.admin.ApiKeyLister;
import dev.llmgateway.admin.ApiKeyRevoker;
import dev.llmgateway.anthropic.AnthropicErrorWriter;
import dev.llmgateway.auth.ApiKeyAuthenticator;
import dev.llmgateway.auth.ApiKeys;
import dev.llmgateway.auth.AuthSettings;
import dev.llmgateway.batch.BatchProgress;
import dev.llmgateway.batch.BatchRuntime;
import dev.llmgateway.keys.KeySeeder;
import dev.llmgateway.ledger.CostLedger;
import dev.llmgateway.cost.PriceTable;
import dev.llmgateway.prompt.PromptTemplateRenderer;
import dev.llmgateway.prompt.PromptTemplates;
import dev.llmgateway.dashboard.Dashboard;
import dev.llmgateway.record.CallRecorder;
import dev.llmgateway.store.Database;
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
import dev.llmgateway.logging.RequestIdLogContext;
import dev.llmgateway.logging.RequestLog;
import dev.llmgateway.metrics.BreakerStateGauges;
import dev.llmgateway.metrics.CallMetrics;
import dev.llmgateway.metrics.GuardMetrics;
import dev.llmgateway.metrics.MetricLabels;
import dev.llmgateway.metrics.UpstreamMetrics;
import dev.llmgateway.server.MetricsEndpoint;
import dev.llmgateway.failover.FailoverConverseCaller;
import dev.llmgateway.failover.RegionBreakers;
import dev.llmgateway.failover.RegionFailover;
import dev.llmgateway.failover.RegionOrder;
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
import dev.llmgateway.pipeline.PipelineCallStarter;
import dev.llmgateway.pipeline.PipelineErrorClassifier;
import dev.llmgateway.upstream.BedrockClients;
import dev.llmgateway.upstream.UpstreamReadiness;
import dev.llmgateway.upstream.UpstreamResolver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import dev.llmgateway.usage.UsageAuthenticator;
import dev.llmgateway.usage.UsageReportWriter;
import dev.llmgateway.usage.UsageStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.MicrometerConstants;
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
    private final Database database;
    private final CostLedger ledger;
    private final CallRecorder callRecorder;
    private final ScheduledExecutorService streamRetries;
    private final GatewayLimits limits;
    private final Main main;
    private BatchRuntime batch;
    private SemanticCacheBeans cache;

    private GatewayApplication(GatewaySettings settings, BedrockEmulator builtInEmulator, BedrockClients clients,
                               Database database, CostLedger ledger, CallRecorder callRecorder,
                               ScheduledExecutorService streamRetries, GatewayLimits limits, Main main) {
        this.settings = settings;
        this.builtInEmulator = builtInEmulator;
        this.clients = clients;
        this.database = database;
        this.ledger = ledger;
        this.callRecorder = callRecorder;
        this.streamRetries = streamRetries;
        this.limits = limits;
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
        Database database = Database.open(settings.storage());
        BedrockClients clients = new BedrockClients(upstream.endpoint(), upstream.credentials(),
                Duration.ofMillis(settings.upstream().timeoutMs()));
        Main main = new Main();
        PriceTable prices = new PriceTable(settings.pricing());
        CostLedger ledger = CostLedger.start(database.dataSource(), settings.ledger(), settings.storage().dataPath());
        CallRecorder callRecorder = new CallRecorder(prices);
        callRecorder.addListener(ledger);
        GatewayLimits limits = new GatewayLimits(settings, database, prices);
        ScheduledExecutorService streamRetries = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "stream-failover");
            thread.setDaemon(true);
            return thread;
        });
        GatewayApplication application = new GatewayApplication(settings, emulator, clients, database, ledger,
                callRecorder, streamRetries, limits, main);
        try {
            ApiKeys keys = new ApiKeys(database.dataSource());
            KeySeeder.seed(keys, settings.auth(), settings.storage().dataPath());
            configure(main, settings);
            Observers observers = observe(main, settings, callRecorder);
            bindBeans(main, settings, clients, upstream, observers, streamRetries);
            bindAuth(main, settings.auth(), keys);
            bindUsage(main, settings.auth(), keys, database);
            main.bind("callRecorder", callRecorder);
            main.bind("rateLimits", limits.rateLimits());
            main.bind("budgetReservation", limits.budgetReservation());
            main.bind("reservationSettler", limits.settler());
            application.batch = BatchRuntime.install(main, settings);
            application.cache = SemanticCacheBeans.bind(main, settings.cache(), clients,
                    database.isShared() ? database.dataSource() : null);
            main.start();
            RouterErrorPages.install(main.getCamelContext(), settings.server().port(), settings.server().maxRequestBytes());
            MetricsEndpoint.protect(main.getCamelContext(), settings.server().port(), settings.observability().metrics());
        } catch (Exception | Error e) {
            application.close();
            throw e;
        }
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
        MetricsEndpoint.configure(main, settings.server().host(), settings.server().port(),
                settings.observability().metrics());
    }

    /** The meter registry, and the metrics the guards, the failover caller and the streams report to. */
    private record Observers(MeterRegistry meters, GuardMetrics guards, UpstreamMetrics upstream) {
    }

    private static Observers observe(Main main, GatewaySettings settings, CallRecorder callRecorder) {
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        main.bind(MicrometerConstants.METRICS_REGISTRY_NAME, meters);
        main.bind("requestIdLogContext", new RequestIdLogContext());
        MetricLabels labels = new MetricLabels(settings.models().keySet(), modelIdsByRegion(settings).keySet(),
                settings.observability().metrics().teamLabels());
        callRecorder.addListener(new RequestLog(settings.observability().requestLog(), settings.guards().pii()));
        callRecorder.addListener(new CallMetrics(meters, labels));
        return new Observers(meters, new GuardMetrics(meters, labels), new UpstreamMetrics(meters, labels));
    }

    private static Map<String, Set<String>> modelIdsByRegion(GatewaySettings settings) {
        Map<String, Set<String>> byRegion = new TreeMap<>();
        settings.models().values().forEach(m -> m.targets().forEach(t ->
                byRegion.computeIfAbsent(t.region(), r -> new TreeSet<>()).add(t.modelId())));
        return byRegion;
    }

    private static void bindBeans(Main main, GatewaySettings settings, BedrockClients clients,
                                  UpstreamResolver.Upstream upstream, Observers observers,
                                  ScheduledExecutorService streamRetries) {
        ModelCatalog catalog = ModelCatalogs.from(settings);
        Map<String, Set<String>> modelIdsByRegion = modelIdsByRegion(settings);
        modelIdsByRegion.keySet().forEach(region -> {
            main.bind("bedrock-" + region, clients.sync(region));
            main.bind("bedrock-async-" + region, clients.async(region));
        });

        main.bind(PlatformHttpConstants.PLATFORM_HTTP_ENGINE_NAME, new AsyncRoutingPlatformHttpEngine());
        main.bind("requestIdAssigner", new RequestIdAssigner());
        PromptTemplates templates = new PromptTemplates(settings.templates());
        main.bind("openAiPromptTemplates", new PromptTemplateRenderer(templates, PromptTemplateRenderer.ApiShape.OPENAI));
        main.bind("anthropicPromptTemplates",
                new PromptTemplateRenderer(templates, PromptTemplateRenderer.ApiShape.ANTHROPIC));
        main.bind("openAiChatRequestReader", new OpenAiChatRequestReader());
        main.bind("modelResolver", new ModelResolver(catalog));
        GatewaySettings.Guards guards = settings.guards();
        main.bind("injectionGuard", new InjectionGuardProcessor(guards.injection(), observers.guards()));
        main.bind("piiRedaction", new PiiRedactionProcessor(guards.pii(), observers.guards()));
        main.bind("piiRestore", new PiiRestoreProcessor());
        main.bind("tokenLimits", new TokenLimitProcessor(guards.tokens(), new BedrockTokenCounter(clients::sync),
                observers.guards()));
        main.bind("converseRequestBuilder", new ConverseRequestBuilder());
        RegionBreakers breakers = new RegionBreakers(settings.failover());
        BreakerStateGauges.register(observers.meters(), breakers, modelIdsByRegion);
        RegionFailover failover = new RegionFailover(settings.failover(), breakers, new RegionOrder(),
                observers.upstream());
        main.bind("bedrockConverseWithFailover", new FailoverConverseCaller(failover));
        main.bind("openAiChatResponseWriter", new OpenAiChatResponseWriter());
        main.bind("openAiErrorWriter", new OpenAiErrorWriter());
        main.bind("openAiStreamResponder", new ConverseStreamResponder(clients::async, failover, streamRetries,
                new OpenAiSseFormat(), "chatcmpl-"));
        main.bind("anthropicMessagesRequestReader", new AnthropicMessagesRequestReader());
        main.bind("anthropicMessageWriter", new AnthropicMessageWriter());
        main.bind("anthropicErrorWriter", new AnthropicErrorWriter());
        main.bind("anthropicStreamResponder", new ConverseStreamResponder(clients::async, failover, streamRetries,
                new AnthropicSseFormat(), "msg_"));
        main.bind("modelListWriter", new ModelListWriter(catalog));
        main.bind("pipelineCallStarter", new PipelineCallStarter());
        main.bind("pipelineErrorClassifier", new PipelineErrorClassifier());
        main.bind("livenessWriter", new HealthWriter(List.of()));
        main.bind("readinessWriter", new HealthWriter(List.of(
                new ReadinessCheck("upstream", new UpstreamReadiness(upstream)::isUsable))));
    }

    private static void bindAuth(Main main, AuthSettings auth, ApiKeys keys) {
        main.bind("apiKeyAuthenticator", new ApiKeyAuthenticator(keys, auth.featureHeader()));
        main.bind("adminAuthenticator", new AdminAuthenticator(auth.adminToken()));
        main.bind("apiKeyCreator", new ApiKeyCreator(keys));
        main.bind("apiKeyLister", new ApiKeyLister(keys));
        main.bind("apiKeyRevoker", new ApiKeyRevoker(keys));
    }

    private static void bindUsage(Main main, AuthSettings auth, ApiKeys keys, Database database) {
        main.bind("usageAuthenticator", new UsageAuthenticator(auth.adminToken(),
                new ApiKeyAuthenticator(keys, auth.featureHeader())));
        main.bind("usageReportWriter", new UsageReportWriter(new UsageStore(database.dataSource()), Clock.systemUTC()));
        main.bind("dashboardAssets", Dashboard.assets());
    }

    public CamelContext camelContext() {
        return main.getCamelContext();
    }

    /** Where finished calls are announced; add a listener to receive each {@link dev.llmgateway.record.CallRecord}. */
    public CallRecorder callRecorder() {
        return callRecorder;
    }

    /** Documents queued, done and failed by batch summarization. */
    public BatchProgress batchProgress() {
        return batch.progress();
    }

    public Database database() {
        return database;
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
        streamRetries.shutdownNow();
        ledger.close();
        if (batch != null) {
            batch.close();
        }
        if (cache != null) {
            cache.close();
        }
        clients.close();
        limits.close();
        database.close();
        if (builtInEmulator != null) {
            builtInEmulator.close();
        }
    }
}
