package dev.llmgateway.cache;

import dev.llmgateway.chat.CacheHit;
import dev.llmgateway.chat.ChatRequest;
import dev.llmgateway.chat.ModelSpec;
import dev.llmgateway.guard.text.InspectionBudget;
import dev.llmgateway.guard.text.InspectionBudgetExceededException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The semantic cache: an exact lookup, then a semantic one (embedding, nearest entries of the partition, threshold or
 * intent projection, near-miss guard), within a time budget; storing answers in the background; purging expired
 * entries on a schedule.
 * It never fails or holds up a request: an error or a lookup over budget is a counted miss, and a store that
 * cannot be queued is dropped. A query whose facts cannot be read within its inspection budget (time linear in its
 * length) is a miss whose answer is not stored; such a cached query is a candidate the guard refuses.
 */
public class SemanticCache implements AutoCloseable {

    /** Nearest entries looked at per semantic lookup: the first that passes threshold and guard is served. */
    static final int CANDIDATES = 5;
    private static final int LOOKUP_THREADS = 2;
    private static final int LOOKUP_QUEUE = 64;
    private static final Logger LOG = LoggerFactory.getLogger(SemanticCache.class);

    private final CacheStore store;
    private final Embedder embedder;
    private final CacheSettings settings;
    private final CacheKeys keys;
    private final Clock clock;
    private final NearMissGuard guard = new NearMissGuard();
    /** Null when the embedder is not the one the intent models were fitted on, or matching by intent is off. */
    private final IntentMatch intents;
    private final CacheStats stats = new CacheStats();
    private final ThreadPoolExecutor lookups;
    private final ThreadPoolExecutor stores;
    private final ScheduledExecutorService purger;

    public SemanticCache(CacheStore store, Embedder embedder, CacheSettings settings, Clock clock) {
        this.store = store;
        this.embedder = embedder;
        this.settings = settings;
        this.keys = new CacheKeys(settings, embedder.id());
        this.intents = IntentMatch.bundled(embedder.id(), settings.intentThreshold());
        this.clock = clock;
        this.lookups = new ThreadPoolExecutor(LOOKUP_THREADS, LOOKUP_THREADS, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(LOOKUP_QUEUE), daemons("semantic-cache-lookup"));
        this.stores = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(settings.storeQueue()), daemons("semantic-cache-store"));
        this.purger = Executors.newSingleThreadScheduledExecutor(daemons("semantic-cache-purge"));
        purger.scheduleWithFixedDelay(this::purge, settings.purgeIntervalSeconds(), settings.purgeIntervalSeconds(),
                TimeUnit.SECONDS);
    }

    public CacheStats stats() {
        return stats;
    }

    /** @return where the request is filed: partition, exact hash and semantic text */
    public CacheKey keyOf(ChatRequest request, ModelSpec model, String team, String template) {
        return keys.of(request, model, team, template);
    }

    /**
     * Looks the request up within the time budget; any failure or delay is a miss. Counts the outcome. The query's
     * vector is taken from the request's embeddings when a step before (the injection classifier) computed it with
     * this cache's embedder.
     *
     * @param embeddings the request's embeddings, or null
     */
    public LookupResult lookup(CacheKey key, double threshold, PromptEmbeddings embeddings) {
        long budgetNanos = TimeUnit.MILLISECONDS.toNanos(settings.lookupBudgetMs());
        long deadline = System.nanoTime() + budgetNanos;
        Future<LookupResult> pending;
        try {
            // A lookup still queued when its request has given up is skipped rather than run for nobody.
            pending = lookups.submit(() -> System.nanoTime() - deadline > 0 ? null : find(key, threshold, embeddings));
        } catch (RejectedExecutionException e) {
            return timedOut();
        }
        try {
            LookupResult result = pending.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (result == null) {
                return timedOut();
            }
            if (result.hit()) {
                if (result.kind() == CacheHit.Kind.EXACT) {
                    stats.recordExactHit();
                } else {
                    stats.recordSemanticHit();
                }
            } else {
                stats.recordMiss();
            }
            return result;
        } catch (TimeoutException e) {
            // Not interrupted: an interrupt can close an H2 file or a JDBC connection under the store.
            pending.cancel(false);
            return timedOut();
        } catch (ExecutionException e) {
            stats.recordError();
            stats.recordMiss();
            LOG.warn("Semantic cache lookup failed; serving the request as a miss: {}", failure(e.getCause()));
            return LookupResult.miss(null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stats.recordMiss();
            return LookupResult.miss(null);
        }
    }

    /**
     * Queues the answer to be stored; returns at once. The vector is the query's embedding when the lookup computed
     * it, else null and it is computed here (an entry whose embedding fails is still stored for exact matches).
     */
    public void storeLater(CacheKey key, float[] vector, CachedAnswer answer) {
        try {
            stores.execute(() -> store(key, vector, answer));
        } catch (RejectedExecutionException e) {
            stats.recordStoreDropped();
        }
    }

    /** Counts a request that did not use the cache (no-store, no-cache, temperature, flagged prompt). */
    public void countBypass() {
        stats.recordBypass();
    }

    /** Counts a failure around the cache (not in a lookup) that made the request a miss. */
    public void countError() {
        stats.recordError();
    }

    /** Counts a request whose query could not be read within its inspection budget: a miss, and nothing is stored. */
    public void countUninspectable() {
        stats.recordMiss();
    }

    private LookupResult find(CacheKey key, double threshold, PromptEmbeddings embeddings) {
        Instant now = clock.instant();
        Optional<CachedAnswer> exact = store.findExact(key.partition(), key.exactHash(), now);
        if (exact.isPresent()) {
            return LookupResult.exact(exact.get());
        }
        if (key.semanticText() == null) {
            return LookupResult.miss(null);
        }
        QueryFacts facts = factsOrNull(key.semanticText());
        if (facts == null) {
            return LookupResult.uninspectable();
        }
        if (!store.mayHaveSimilar(key.partition(), now)) {
            // Nothing to compare with: the answer is embedded when it is stored, off the request's path.
            stats.recordSemanticLookupSkipped();
            return LookupResult.miss(null);
        }
        float[] known = embeddings == null ? null : embeddings.known(embedder.id(), key.semanticText());
        if (known == null) {
            stats.recordQueryEmbedded();
        }
        float[] vector = known != null ? known : embedder.embed(key.semanticText());
        // A caller asking for a stricter threshold than the configured one gets no matches by intent.
        boolean byIntent = intents != null && threshold <= settings.threshold();
        List<SemanticCandidate> candidates = store.findSimilar(key.partition(), vector, byIntent ? -1 : threshold,
                CANDIDATES, now);
        IntentMatch.Query intent = byIntent ? intents.query(vector) : null;
        for (SemanticCandidate candidate : candidates) {
            boolean close = candidate.similarity() >= threshold
                    || intent != null && intent.sameIntentAs(candidate.vector());
            if (!close) {
                continue;
            }
            QueryFacts cached = factsOrNull(candidate.queryText());
            if (cached != null && guard.disagreement(facts, cached).isEmpty()) {
                return LookupResult.semantic(candidate.answer(), candidate.similarity());
            }
            stats.recordNearMissRefused();
        }
        return LookupResult.miss(vector);
    }

    /** @return the facts of a query, or null when they cannot be read within its inspection budget */
    private static QueryFacts factsOrNull(String query) {
        try {
            return QueryFacts.of(query, InspectionBudget.forCharacters(query.length()));
        } catch (InspectionBudgetExceededException e) {
            return null;
        }
    }

    private void store(CacheKey key, float[] vector, CachedAnswer answer) {
        try {
            float[] embedding = vector != null || key.semanticText() == null ? vector : embedOrNull(key.semanticText());
            Instant now = clock.instant();
            store.put(new CacheEntry(key, embedding, answer, now, now.plus(Duration.ofSeconds(settings.ttlSeconds()))));
            stats.recordStored();
        } catch (RuntimeException e) {
            stats.recordError();
            LOG.warn("Semantic cache: storing an answer failed: {}", failure(e));
        }
    }

    private float[] embedOrNull(String text) {
        try {
            return embedder.embed(text);
        } catch (RuntimeException e) {
            stats.recordError();
            LOG.warn("Semantic cache: embedding failed, the answer is stored for exact matches only: {}", failure(e));
            return null;
        }
    }

    private void purge() {
        try {
            stats.recordPurged(store.purgeExpired(clock.instant()));
        } catch (RuntimeException e) {
            stats.recordError();
            LOG.warn("Semantic cache: purging expired entries failed: {}", failure(e));
        }
    }

    /**
     * What failed, for the log: the cache's own messages, and only the types of other failures, whose messages may
     * quote a prompt.
     */
    static String failure(Throwable failure) {
        StringBuilder text = new StringBuilder(failure instanceof CacheStoreException ? failure.toString()
                : failure.getClass().getName());
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            text.append(" (caused by ").append(cause.getClass().getName()).append(')');
        }
        return text.toString();
    }

    private LookupResult timedOut() {
        stats.recordTimeout();
        stats.recordMiss();
        return LookupResult.miss(null);
    }

    /**
     * Stops the background work; answers still queued are stored first, for a few seconds at most. Then closes the
     * embedder, which those stores use.
     */
    @Override
    public void close() {
        purger.shutdownNow();
        lookups.shutdownNow();
        stores.shutdown();
        try {
            if (!stores.awaitTermination(5, TimeUnit.SECONDS)) {
                stores.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stores.shutdownNow();
        }
        store.close();
        embedder.close();
    }

    private static ThreadFactory daemons(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
