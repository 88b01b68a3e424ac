package dev.llmgateway;

import dev.llmgateway.bedrock.BedrockTokenCounter;
import dev.llmgateway.budget.BudgetAlerts;
import dev.llmgateway.budget.BudgetStore;
import dev.llmgateway.chat.AnsweredFromCache;
import dev.llmgateway.chat.NoStep;
import dev.llmgateway.chat.StreamRequested;
import dev.llmgateway.bedrock.UpstreamCallListener;
import dev.llmgateway.cache.CacheSettings;
import dev.llmgateway.cache.CacheStats;
import dev.llmgateway.cache.Embedder;
import dev.llmgateway.cache.LocalMiniLmEmbedder;
import dev.llmgateway.config.GatewaySettings;
import dev.llmgateway.config.ModelCatalogs;
import dev.llmgateway.cost.PriceTable;
import dev.llmgateway.embed.BoundedBatches;
import dev.llmgateway.embed.FailoverEmbeddingsCaller;
import dev.llmgateway.embed.VectorCache;
import dev.llmgateway.emulator.BedrockEmulator;
import dev.llmgateway.failover.FailoverConverseCaller;
import dev.llmgateway.failover.RegionBreakers;
import dev.llmgateway.failover.RegionFailover;
import dev.llmgateway.failover.RegionOrder;
import dev.llmgateway.failover.FullJitterBackoff;
import dev.llmgateway.guard.GuardDecisionListener;
import dev.llmgateway.guard.guardrail.GuardrailCaller;
import dev.llmgateway.guard.guardrail.GuardrailInputProcessor;
import dev.llmgateway.guard.guardrail.GuardrailOutputProcessor;
import dev.llmgateway.guard.injection.InjectionGuardProcessor;
import dev.llmgateway.guard.pii.EmbeddingPiiCheck;
import dev.llmgateway.guard.pii.PiiRedactionProcessor;
import dev.llmgateway.guard.pii.PiiRestoreProcessor;
import dev.llmgateway.guard.tokens.EmbeddingTokenLimits;
import dev.llmgateway.guard.tokens.TokenLimitProcessor;
import dev.llmgateway.ledger.CostLedger;
import dev.llmgateway.http.RemoteImages;
import dev.llmgateway.limits.LimitPolicy;
import dev.llmgateway.model.EmbeddingModelResolver;
import dev.llmgateway.model.ModelCatalog;
import dev.llmgateway.model.ModelResolver;
import dev.llmgateway.pipeline.PipelineCallCheck;
import dev.llmgateway.pipeline.PipelineEmbeddingCallCheck;
import dev.llmgateway.pipeline.PipelineErrorClassifier;
import dev.llmgateway.record.CallRecorder;
import dev.llmgateway.store.Database;
import dev.llmgateway.teams.ModelAccess;
import dev.llmgateway.upstream.BedrockClients;
import dev.llmgateway.upstream.UpstreamResolver;
import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a model call needs, built from the settings: the upstream (Bedrock, or an emulator), the database, the cost
 * ledger, limits and budgets, the semantic cache, and the processors of the gateway's chain ({@code direct:llm-chat}), bound under the
 * names the routes and Kamelets use. The gateway builds it once; so does a {@code GatewayLibrary} in an integration
 * team's own Camel application. Closes what it opened.
 */
public final class GatewayComponents implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayComponents.class);
    /** Helper threads of all embeddings requests together; beyond them a request's own thread does the work. */
    private static final int EMBEDDING_THREADS = 64;

    private final GatewaySettings settings;
    private final UpstreamResolver.Upstream upstream;
    private final BedrockEmulator builtInEmulator;
    private final BedrockClients clients;
    private final Database database;
    private final CostLedger ledger;
    private final CallRecorder callRecorder;
    private final GatewayTeams teams;
    private final GatewayLimits limits;
    private final RegionBreakers breakers;
    private final RegionFailover failover;
    private final SemanticCacheBeans cache;
    /** all-MiniLM-L6-v2, shared by the injection classifier and a local semantic cache; null when neither runs. */
    private final Embedder sentenceEmbedder;
    private final BoundedBatches embeddingBatches;

    private GatewayComponents(GatewaySettings settings, UpstreamResolver.Upstream upstream,
                              BedrockEmulator builtInEmulator, BedrockClients clients, Database database,
                              CostLedger ledger, CallRecorder callRecorder, GatewayTeams teams, GatewayLimits limits,
                              RegionBreakers breakers, RegionFailover failover, SemanticCacheBeans cache,
                              Embedder sentenceEmbedder) {
        this.settings = settings;
        this.upstream = upstream;
        this.builtInEmulator = builtInEmulator;
        this.clients = clients;
        this.database = database;
        this.ledger = ledger;
        this.callRecorder = callRecorder;
        this.teams = teams;
        this.limits = limits;
        this.breakers = breakers;
        this.failover = failover;
        this.cache = cache;
        this.sentenceEmbedder = sentenceEmbedder;
        this.embeddingBatches = new BoundedBatches(settings.embeddings().concurrency(), EMBEDDING_THREADS);
    }

    /**
     * @param upstreamCalls      told of every region attempt (metrics in the gateway)
     * @param upstreamEventLoops the event loops upstream streams run on, or null for the AWS SDK's own
     */
    public static GatewayComponents open(GatewaySettings settings, UpstreamCallListener upstreamCalls,
                                         EventLoopGroup upstreamEventLoops) throws Exception {
        return open(settings, new UpstreamResolver(), upstreamCalls, upstreamEventLoops);
    }

    /** @param resolver decides between Bedrock and an emulator */
    public static GatewayComponents open(GatewaySettings settings, UpstreamResolver resolver,
                                         UpstreamCallListener upstreamCalls, EventLoopGroup upstreamEventLoops)
            throws Exception {
        UpstreamResolver.Upstream upstream = resolver.resolve(settings.upstream());
        BedrockEmulator emulator = null;
        Database database = null;
        BedrockClients clients = null;
        CostLedger ledger = null;
        GatewayTeams teams = null;
        try {
            if (upstream.needsBuiltInEmulator()) {
                emulator = BedrockEmulator.start(settings.upstream().emulatorPort());
                upstream = upstream.withEndpoint(emulator.endpoint());
            }
            announce(upstream);
            database = Database.open(settings.storage());
            clients = new BedrockClients(upstream.endpoint(), upstream.credentials(),
                    Duration.ofMillis(settings.upstream().timeoutMs()), upstreamEventLoops);
            PriceTable prices = new PriceTable(settings.pricing());
            ledger = CostLedger.start(database.dataSource(), settings.ledger(), settings.storage().dataPath());
            CallRecorder callRecorder = new CallRecorder(prices);
            callRecorder.addListener(ledger);
            teams = new GatewayTeams(settings, database);
            GatewayLimits limits = new GatewayLimits(settings, database, prices, teams);
            RegionBreakers breakers = new RegionBreakers(settings.failover());
            RegionFailover failover = new RegionFailover(settings.failover(), breakers, new RegionOrder(), upstreamCalls);
            boolean localCache = settings.cache().enabled()
                    && settings.cache().embedder() == CacheSettings.EmbedderKind.LOCAL;
            Embedder sentenceEmbedder = settings.guards().injection().classifier().enabled() || localCache
                    ? new LocalMiniLmEmbedder() : null;
            SemanticCacheBeans cache = SemanticCacheBeans.open(settings.cache(), clients,
                    database.isShared() ? database.dataSource() : null, sentenceEmbedder);
            return new GatewayComponents(settings, upstream, emulator, clients, database, ledger, callRecorder, teams,
                    limits, breakers, failover, cache, sentenceEmbedder);
        } catch (Exception | Error e) {
            if (teams != null) {
                teams.close();
            }
            closeAll(ledger, clients, database, emulator);
            throw e;
        }
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

    /**
     * Binds the Bedrock clients ({@code bedrock-REGION}, {@code bedrock-async-REGION}) and the chain's processors under the names
     * the routes and the Kamelets refer to (the cache's too).
     *
     * @param guards told of every guard decision (metrics in the gateway)
     */
    public void bindPipeline(BiConsumer<String, Object> bind, GuardDecisionListener guards) {
        ModelCatalog catalog = ModelCatalogs.from(settings);
        modelIdsByRegion().keySet().forEach(region -> {
            bind.accept("bedrock-" + region, clients.sync(region));
            bind.accept("bedrock-async-" + region, clients.async(region));
        });
        GatewaySettings.Guards guardSettings = settings.guards();
        bind.accept("modelResolver", new ModelResolver(catalog));
        bind.accept("modelAccess", new ModelAccess(teams.directory()));
        bind.accept("remoteImages", new RemoteImages(settings.media()));
        bind.accept("injectionGuard", new InjectionGuardProcessor(guardSettings.injection(), teams.guards()::injection,
                guards, guardSettings.injection().classifier().classifierOrNull(), sentenceEmbedder));
        bind.accept("piiRedaction", new PiiRedactionProcessor(teams.guards()::pii, guards));
        bind.accept("piiRestore", new PiiRestoreProcessor());
        GuardrailCaller guardrails = new GuardrailCaller(clients::async, breakers, new FullJitterBackoff(
                settings.failover().backoffBaseMs(), settings.failover().backoffMaxMs()), teams.guards()::guardrails,
                guards);
        bind.accept("guardrailInput", new GuardrailInputProcessor(guardrails));
        bind.accept("guardrailOutput", new GuardrailOutputProcessor());
        bind.accept("tokenLimits", new TokenLimitProcessor(guardSettings.tokens(), teams.guards()::tokens,
                new BedrockTokenCounter(clients::sync), guards));
        bind.accept("rateLimits", limits.rateLimits());
        bind.accept("budgetReservation", limits.budgetReservation());
        bind.accept("reservationSettler", limits.settler());
        bind.accept("bedrockConverseWithFailover", new FailoverConverseCaller(failover));
        bind.accept("pipelineCallCheck", new PipelineCallCheck());
        bind.accept("embeddingModelResolver", new EmbeddingModelResolver(catalog));
        bind.accept("embeddingTokenLimits", new EmbeddingTokenLimits(guardSettings.tokens(), guards));
        bind.accept("embeddingPiiCheck", new EmbeddingPiiCheck(guardSettings.pii()));
        bind.accept("bedrockEmbeddingsWithFailover", new FailoverEmbeddingsCaller(failover,
                new VectorCache(settings.embeddings().cacheMegabytes()), embeddingBatches));
        bind.accept("pipelineEmbeddingCallCheck", new PipelineEmbeddingCallCheck());
        bind.accept(NoStep.BEAN, new NoStep());
        bind.accept(StreamRequested.BEAN, new StreamRequested());
        bind.accept(AnsweredFromCache.BEAN, new AnsweredFromCache());
        bind.accept("pipelineErrorClassifier", new PipelineErrorClassifier());
        bind.accept("callRecorder", callRecorder);
        cache.bind(bind);
    }

    /** The Bedrock model ids the configured models use, per region. */
    public Map<String, Set<String>> modelIdsByRegion() {
        Map<String, Set<String>> byRegion = new TreeMap<>();
        settings.models().values().forEach(m -> m.targets().forEach(t ->
                byRegion.computeIfAbsent(t.region(), r -> new TreeSet<>()).add(t.modelId())));
        return byRegion;
    }

    public GatewaySettings settings() {
        return settings;
    }

    public UpstreamResolver.Upstream upstream() {
        return upstream;
    }

    public BedrockClients clients() {
        return clients;
    }

    public Database database() {
        return database;
    }

    public CallRecorder callRecorder() {
        return callRecorder;
    }

    /** The teams as data: their store, audit trail and this instance's copy of them. */
    GatewayTeams teams() {
        return teams;
    }

    /** The monthly budgets, for the admin API's spend of a team. */
    BudgetStore budgets() {
        return limits.budgets();
    }

    /** Each team's limits with the configured defaults filled in, as calls are held to them now. */
    /** Where budget alerts go: add a listener to be told of each (the metrics in the gateway). */
    public BudgetAlerts budgetAlerts() {
        return limits.alerts();
    }

    LimitPolicy limitPolicy() {
        return limits.policy();
    }

    public RegionBreakers breakers() {
        return breakers;
    }

    public RegionFailover failover() {
        return failover;
    }

    /** @return the semantic cache's counters, empty when the cache is off */
    public Optional<CacheStats> cacheStats() {
        return cache.stats();
    }

    @Override
    public void close() {
        embeddingBatches.close();
        cache.close();
        ledger.close();
        clients.close();
        limits.close();
        teams.close();
        database.close();
        if (builtInEmulator != null) {
            builtInEmulator.close();
        }
    }

    private static void closeAll(CostLedger ledger, BedrockClients clients, Database database, BedrockEmulator emulator) {
        if (ledger != null) {
            ledger.close();
        }
        if (clients != null) {
            clients.close();
        }
        if (database != null) {
            database.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }
}
