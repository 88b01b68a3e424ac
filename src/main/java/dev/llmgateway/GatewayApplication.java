package dev.llmgateway;

import dev.llmgateway.admin.AdminAuthenticator;
import dev.llmgateway.admin.ApiKeyCreator;
import dev.llmgateway.admin.ApiKeyLister;
import dev.llmgateway.admin.ApiKeyRevoker;
import dev.llmgateway.admin.ApiKeyRotator;
import dev.llmgateway.admin.ApiKeyUpdater;
import dev.llmgateway.admin.AuditLister;
import dev.llmgateway.admin.KeyAdmin;
import dev.llmgateway.admin.TeamAdmin;
import dev.llmgateway.admin.TeamCreator;
import dev.llmgateway.admin.TeamDeleter;
import dev.llmgateway.admin.TeamLister;
import dev.llmgateway.admin.TeamReader;
import dev.llmgateway.admin.TeamUpdater;
import dev.llmgateway.anthropic.AnthropicErrorWriter;
import dev.llmgateway.anthropic.AnthropicMessageWriter;
import dev.llmgateway.anthropic.AnthropicMessagesRequestReader;
import dev.llmgateway.anthropic.AnthropicTokenCountWriter;
import dev.llmgateway.auth.ApiKeyAuthenticator;
import dev.llmgateway.auth.ApiKeys;
import dev.llmgateway.auth.AdminCredentials;
import dev.llmgateway.auth.AuthSettings;
import dev.llmgateway.batch.BatchProgress;
import dev.llmgateway.batch.BatchRuntime;
import dev.llmgateway.bedrock.BedrockTokenCounter;
import dev.llmgateway.cache.CachedStreamReplayer;
import dev.llmgateway.config.ConfiguredNames;
import dev.llmgateway.config.GatewaySettings;
import dev.llmgateway.config.ModelCatalogs;
import dev.llmgateway.dashboard.Dashboard;
import dev.llmgateway.failover.RegionFailover;
import dev.llmgateway.guard.tokens.TokenEstimator;
import dev.llmgateway.http.HealthWriter;
import dev.llmgateway.http.ReadinessCheck;
import dev.llmgateway.http.RequestIdAssigner;
import dev.llmgateway.http.StepFailureContainment;
import dev.llmgateway.keys.KeySeeder;
import dev.llmgateway.logging.RequestIdLogContext;
import dev.llmgateway.logging.RequestLog;
import dev.llmgateway.metrics.BreakerStateGauges;
import dev.llmgateway.metrics.BudgetAlertMetrics;
import dev.llmgateway.metrics.CacheMeters;
import dev.llmgateway.metrics.CallMetrics;
import dev.llmgateway.metrics.GuardMetrics;
import dev.llmgateway.metrics.KeyNames;
import dev.llmgateway.metrics.MetricLabels;
import dev.llmgateway.metrics.UpstreamMetrics;
import dev.llmgateway.model.ModelCatalog;
import dev.llmgateway.openai.ModelListWriter;
import dev.llmgateway.openai.OpenAiChatRequestReader;
import dev.llmgateway.openai.OpenAiChatResponseWriter;
import dev.llmgateway.openai.OpenAiEmbeddingsRequestReader;
import dev.llmgateway.openai.OpenAiEmbeddingsResponseWriter;
import dev.llmgateway.openai.OpenAiErrorWriter;
import dev.llmgateway.prompt.PromptTemplateRenderer;
import dev.llmgateway.prompt.PromptTemplates;
import dev.llmgateway.record.CallRecorder;
import dev.llmgateway.responses.ResponseStore;
import dev.llmgateway.responses.ResponsesRequestReader;
import dev.llmgateway.responses.ResponsesSseFormat;
import dev.llmgateway.responses.ResponsesWriter;
import dev.llmgateway.responses.StoredAfterStream;
import dev.llmgateway.responses.StoredResponses;
import dev.llmgateway.server.AsyncRoutingPlatformHttpEngine;
import dev.llmgateway.server.MetricsEndpoint;
import dev.llmgateway.server.RouterErrorPages;
import dev.llmgateway.server.TimedHttpServer;
import dev.llmgateway.store.Database;
import dev.llmgateway.stream.AnthropicSseFormat;
import dev.llmgateway.stream.ConverseStreamResponder;
import dev.llmgateway.stream.OpenAiSseFormat;
import dev.llmgateway.teams.ModelAccess;
import dev.llmgateway.teams.TeamFields;
import dev.llmgateway.tracing.StepSpans;
import dev.llmgateway.tracing.TracingSdk;
import dev.llmgateway.tracing.TracingSettings;
import dev.llmgateway.upstream.BedrockClients;
import dev.llmgateway.upstream.UpstreamReadiness;
import dev.llmgateway.usage.UsageAuthenticator;
import dev.llmgateway.usage.UsageReportWriter;
import dev.llmgateway.usage.UsageStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
    private static final long VERTX_CLOSE_SECONDS = 10;
    /** The application's own routes (its APIs), and the chain's, which come with the library. */
    static final String ROUTES = "classpath:routes/*.yaml,classpath:dev/llmgateway/routes/*.yaml";

    private final GatewaySettings settings;
    private final GatewayComponents components;
    private final ScheduledExecutorService streamRetries;
    private final Main main;
    private final Vertx vertx;
    private BatchRuntime batch;
    private TimedHttpServer httpServer;
    /** The tracing SDK this application opened (and closes), or null. */
    private OpenTelemetrySdk tracing;

    private GatewayApplication(GatewaySettings settings, GatewayComponents components,
                               ScheduledExecutorService streamRetries, Main main, Vertx vertx) {
        this.settings = settings;
        this.components = components;
        this.vertx = vertx;
        this.streamRetries = streamRetries;
        this.main = main;
    }

    public static GatewayApplication start(GatewaySettings settings) throws Exception {
        TracingSettings tracing = settings.observability().tracing();
        OpenTelemetrySdk sdk = tracing.enabled() ? TracingSdk.open(tracing) : null;
        GatewayApplication application;
        try {
            application = start(settings, sdk);
        } catch (Exception | Error e) {
            if (sdk != null) {
                sdk.close();
            }
            throw e;
        }
        application.tracing = sdk;
        return application;
    }

    /**
     * Starts the gateway with its calls traced by {@code openTelemetry} whatever the settings say (a test's in-memory
     * exporter), or untraced when it is null. The caller closes it after the gateway.
     */
    public static GatewayApplication start(GatewaySettings settings, OpenTelemetry openTelemetry) throws Exception {
        Main main = new Main();
        Observers observers = observe(main, settings);
        // One set of event loops serves the API and the upstream streams, and a stream's upstream connection is on its
        // client's loop: a token read from Bedrock is written to the client without waking another thread.
        // platform-http takes the Vert.x instance it finds bound.
        Vertx vertx = Vertx.vertx();
        GatewayComponents components;
        try {
            components = GatewayComponents.open(settings, observers.upstream(), vertx.nettyEventLoopGroup());
        } catch (Exception | Error e) {
            vertx.close();
            throw e;
        }
        main.bind("vertx", vertx);
        ScheduledExecutorService streamRetries = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "stream-failover");
            thread.setDaemon(true);
            return thread;
        });
        GatewayApplication application = new GatewayApplication(settings, components, streamRetries, main, vertx);
        try {
            ApiKeys keys = new ApiKeys(components.database().dataSource());
            observers.labels().knowKeys(KeyNames.of(keys));
            KeySeeder.seed(keys, settings.auth(), settings.storage().dataPath());
            configure(main, settings);
            if (openTelemetry != null) {
                main.bind("stepSpans", new StepSpans(openTelemetry, components.upstream()::host, true));
            }
            components.callRecorder().addListener(
                    new RequestLog(settings.observability().requestLog(), settings.guards().pii()));
            components.callRecorder().addListener(new CallMetrics(observers.meters(), observers.labels()));
            components.budgetAlerts().addListener(new BudgetAlertMetrics(observers.meters(), observers.labels()));
            components.bindPipeline(main::bind, observers.guards());
            bindBeans(main, components, observers, streamRetries);
            bindAuth(main, settings.auth(), keys);
            bindTeams(main, components, keys);
            bindUsage(main, settings.auth(), keys, components.database());
            application.batch = BatchRuntime.install(main, settings);
            main.start();
            application.httpServer = TimedHttpServer.replace(main.getCamelContext(), settings.server());
            RouterErrorPages.install(main.getCamelContext(), settings.server().port(), settings.server().maxRequestBytes());
            MetricsEndpoint.protect(main.getCamelContext(), settings.server().port(), settings.observability().metrics());
        } catch (Exception | Error e) {
            application.close();
            throw e;
        }
        LOG.info("camel-llm-gateway listening on http://{}:{}/v1", settings.server().host(), settings.server().port());
        return application;
    }

    private static void configure(Main main, GatewaySettings settings) {
        main.configure().withRoutesIncludePattern(ROUTES);
        main.configure().withName("camel-llm-gateway");
        // A request body arrives whole (a Vert.x buffer of at most maxRequestBytes) and is read as bytes: caching it
        // as a stream would copy it back out through 16 KB of buffers on every call.
        main.configure().withStreamCachingEnabled(false);
        main.addInitialProperty("camel.server.enabled", "true");
        main.addInitialProperty("camel.server.host", settings.server().host());
        main.addInitialProperty("camel.server.port", Integer.toString(settings.server().port()));
        main.addInitialProperty("camel.server.maxBodySize", Long.toString(settings.server().maxRequestBytes()));
        MetricsEndpoint.configure(main, settings.server().host(), settings.server().port(),
                settings.observability().metrics());
    }

    /** The meter registry, the metrics' label bounds, and the metrics the guards and the upstream calls report to. */
    private record Observers(MeterRegistry meters, MetricLabels labels, GuardMetrics guards, UpstreamMetrics upstream) {
    }

    private static Observers observe(Main main, GatewaySettings settings) {
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        main.bind(MicrometerConstants.METRICS_REGISTRY_NAME, meters);
        main.bind("requestIdLogContext", new RequestIdLogContext());
        main.bind("stepFailureContainment", new StepFailureContainment());
        Set<String> regions = new TreeSet<>();
        settings.models().values().forEach(m -> m.targets().forEach(t -> regions.add(t.region())));
        MetricLabels labels = new MetricLabels(settings.models().keySet(), regions, ConfiguredNames.teams(settings),
                ConfiguredNames.features(settings), settings.observability().metrics().teamLabels());
        return new Observers(meters, labels, new GuardMetrics(meters, labels), new UpstreamMetrics(meters, labels));
    }

    /** The HTTP APIs' own beans, beside the chain's that {@link GatewayComponents} binds. */
    private static void bindBeans(Main main, GatewayComponents components, Observers observers,
                                  ScheduledExecutorService streamRetries) {
        GatewaySettings settings = components.settings();
        BedrockClients clients = components.clients();
        RegionFailover failover = components.failover();
        ModelCatalog catalog = ModelCatalogs.from(settings);
        BreakerStateGauges.register(observers.meters(), components.breakers(), components.modelIdsByRegion());
        components.cacheStats().ifPresent(stats -> CacheMeters.register(observers.meters(), stats));

        main.bind(PlatformHttpConstants.PLATFORM_HTTP_ENGINE_NAME, new AsyncRoutingPlatformHttpEngine());
        main.bind("requestIdAssigner", new RequestIdAssigner());
        PromptTemplates templates = new PromptTemplates(settings.templates());
        main.bind("openAiPromptTemplates", new PromptTemplateRenderer(templates, PromptTemplateRenderer.ApiShape.OPENAI));
        main.bind("anthropicPromptTemplates",
                new PromptTemplateRenderer(templates, PromptTemplateRenderer.ApiShape.ANTHROPIC));
        main.bind("openAiChatRequestReader", new OpenAiChatRequestReader());
        main.bind("openAiChatResponseWriter", new OpenAiChatResponseWriter());
        main.bind("openAiErrorWriter", new OpenAiErrorWriter());
        main.bind("openAiEmbeddingsRequestReader", new OpenAiEmbeddingsRequestReader());
        main.bind("openAiEmbeddingsResponseWriter", new OpenAiEmbeddingsResponseWriter());
        main.bind("openAiStreamResponder", new ConverseStreamResponder(clients::async, failover, streamRetries,
                new OpenAiSseFormat(), "chatcmpl-"));
        main.bind("anthropicMessagesRequestReader", AnthropicMessagesRequestReader.messages());
        main.bind("anthropicCountTokensReader", AnthropicMessagesRequestReader.countTokens());
        main.bind("anthropicTokenCountWriter", new AnthropicTokenCountWriter(new BedrockTokenCounter(clients::sync),
                new TokenEstimator(settings.guards().tokens().margins())));
        main.bind("anthropicMessageWriter", new AnthropicMessageWriter());
        main.bind("anthropicErrorWriter", new AnthropicErrorWriter());
        main.bind("anthropicStreamResponder", new ConverseStreamResponder(clients::async, failover, streamRetries,
                new AnthropicSseFormat(), "msg_"));
        bindResponses(main, components, streamRetries);
        main.bind("modelListWriter", new ModelListWriter(catalog, new ModelAccess(components.teams().directory())));
        main.bind("livenessWriter", new HealthWriter(List.of()));
        main.bind("readinessWriter", new HealthWriter(List.of(
                new ReadinessCheck("upstream", new UpstreamReadiness(components.upstream())::isUsable))));
    }

    /** The Responses API's steps: its reader, writer and stream format, and the store of its responses. */
    private static void bindResponses(Main main, GatewayComponents components,
                                      ScheduledExecutorService streamRetries) {
        ResponseStore store = new ResponseStore(components.database().dataSource(),
                components.settings().responses().retention(), Clock.systemUTC());
        main.bind("responsesRequestReader", new ResponsesRequestReader(store));
        main.bind("responsesWriter", new ResponsesWriter(store));
        main.bind("responsesStreamResponder", new StoredAfterStream(new ConverseStreamResponder(
                components.clients()::async, components.failover(), streamRetries, new ResponsesSseFormat(), "resp_"),
                store));
        main.bind("responsesCacheReplay", new StoredAfterStream(
                new CachedStreamReplayer(new ResponsesSseFormat(), "resp_"), store));
        main.bind("storedResponseRetriever", StoredResponses.retriever(store));
        main.bind("storedResponseDeleter", StoredResponses.deleter(store));
    }

    private static void bindAuth(Main main, AuthSettings auth, ApiKeys keys) {
        main.bind("apiKeyAuthenticator", new ApiKeyAuthenticator(keys, auth.featureHeader()));
        main.bind("adminAuthenticator", new AdminAuthenticator(AdminCredentials.of(auth)));
    }

    private static void bindTeams(Main main, GatewayComponents components, ApiKeys keys) {
        GatewayTeams teams = components.teams();
        TeamFields fields = TeamFields.checkingModels(components.settings().models().keySet());
        TeamAdmin admin = new TeamAdmin(teams.store(), teams.directory()::refresh, fields,
                components.limitPolicy()::team, components.budgets());
        KeyAdmin keyAdmin = new KeyAdmin(keys, fields, teams.directory()::find, teams.store());
        main.bind("apiKeyCreator", new ApiKeyCreator(keyAdmin));
        main.bind("apiKeyLister", new ApiKeyLister(keyAdmin));
        main.bind("apiKeyUpdater", new ApiKeyUpdater(keyAdmin));
        main.bind("apiKeyRevoker", new ApiKeyRevoker(keyAdmin));
        main.bind("apiKeyRotator", new ApiKeyRotator(keyAdmin));
        main.bind("teamCreator", new TeamCreator(admin));
        main.bind("teamLister", new TeamLister(admin));
        main.bind("teamReader", new TeamReader(admin));
        main.bind("teamUpdater", new TeamUpdater(admin));
        main.bind("teamDeleter", new TeamDeleter(admin));
        main.bind("auditLister", new AuditLister(teams.audit()));
    }

    private static void bindUsage(Main main, AuthSettings auth, ApiKeys keys, Database database) {
        main.bind("usageAuthenticator", new UsageAuthenticator(AdminCredentials.of(auth),
                new ApiKeyAuthenticator(keys, auth.featureHeader())));
        main.bind("usageReportWriter", new UsageReportWriter(new UsageStore(database.dataSource()), Clock.systemUTC()));
        main.bind("dashboardAssets", Dashboard.assets());
    }

    public CamelContext camelContext() {
        return main.getCamelContext();
    }

    /** Where finished calls are announced; add a listener to receive each {@link dev.llmgateway.record.CallRecord}. */
    public CallRecorder callRecorder() {
        return components.callRecorder();
    }

    /** Documents queued, done and failed by batch summarization. */
    public BatchProgress batchProgress() {
        return batch.progress();
    }

    public Database database() {
        return components.database();
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
        if (httpServer != null) {
            httpServer.close();
        }
        streamRetries.shutdownNow();
        if (batch != null) {
            batch.close();
        }
        components.close();
        if (tracing != null) {
            tracing.close();
        }
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(VERTX_CLOSE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("The HTTP event loops did not stop within {} s: {}", VERTX_CLOSE_SECONDS, e.toString());
        }
    }
}
