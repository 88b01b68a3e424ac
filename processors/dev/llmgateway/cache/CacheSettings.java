package dev.llmgateway.cache;

import java.util.Map;
import java.util.Set;

/**
 * Settings of the semantic cache, bound from {@code cache:} in application.yaml. Every field may be left out;
 * nulls take the defaults.
 *
 * @param enabled              serve and store answers at all; default true
 * @param store                where entries live; default embedded
 * @param directory            the embedded store's directory; default data/cache
 * @param embedder             which sentence-embedding model matches requests; default local
 * @param titan                the Titan Text Embeddings model used when embedder is titan
 * @param threshold            cosine similarity at or above which a semantic match is served; default 0.88
 * @param teamThresholds       per-team thresholds, by team name
 * @param minRequestThreshold  the lowest threshold a request may ask for in its header; default 0.8
 * @param shareAcrossTeams     serve one team's entries to another; default false
 * @param maxTemperature       requests with a higher temperature bypass the cache; default 0.7
 * @param ttlSeconds           how long an entry is served after it was stored; default one day
 * @param purgeIntervalSeconds how often expired entries are deleted; default 300
 * @param lookupBudgetMs       the longest a lookup may take before it counts as a miss; default 50
 * @param semanticMaxChars     longer last user turns are matched exactly only; default 2000
 * @param cacheTruncated       also store answers cut short by max_tokens; default false
 * @param storeQueue           answers waiting to be stored before new ones are dropped; default 1000
 * @param postgresql           how the postgresql store searches
 * @param intentThreshold      the cosine of two requests' intent projections at or above which a candidate below
 *                             {@code threshold} still counts as close (then the near-miss guard decides); default the
 *                             projection's calibrated value; 1 turns the match by intent off, the intent classifier's
 *                             too
 */
public record CacheSettings(Boolean enabled, StoreKind store, String directory, EmbedderKind embedder, Titan titan,
                            Double threshold, Map<String, Double> teamThresholds, Double minRequestThreshold,
                            Boolean shareAcrossTeams, Double maxTemperature, Long ttlSeconds, Long purgeIntervalSeconds,
                            Long lookupBudgetMs, Integer semanticMaxChars, Boolean cacheTruncated, Integer storeQueue,
                            Postgresql postgresql, Double intentThreshold) {

    public CacheSettings {
        enabled = enabled == null || enabled;
        store = store == null ? StoreKind.EMBEDDED : store;
        directory = directory == null || directory.isBlank() ? "data/cache" : directory;
        embedder = embedder == null ? EmbedderKind.LOCAL : embedder;
        titan = titan == null ? new Titan(null, null, null) : titan;
        threshold = threshold == null ? 0.88 : threshold;
        teamThresholds = teamThresholds == null ? Map.of() : Map.copyOf(teamThresholds);
        minRequestThreshold = minRequestThreshold == null ? 0.8 : minRequestThreshold;
        shareAcrossTeams = shareAcrossTeams != null && shareAcrossTeams;
        maxTemperature = maxTemperature == null ? 0.7 : maxTemperature;
        ttlSeconds = ttlSeconds == null ? 86_400L : ttlSeconds;
        purgeIntervalSeconds = purgeIntervalSeconds == null ? 300L : purgeIntervalSeconds;
        lookupBudgetMs = lookupBudgetMs == null ? 50L : lookupBudgetMs;
        semanticMaxChars = semanticMaxChars == null ? 2000 : semanticMaxChars;
        cacheTruncated = cacheTruncated != null && cacheTruncated;
        storeQueue = storeQueue == null ? 1000 : storeQueue;
        postgresql = postgresql == null ? new Postgresql(null) : postgresql;
        requireSimilarity("threshold", threshold);
        requireSimilarity("minRequestThreshold", minRequestThreshold);
        if (intentThreshold != null) {
            requireSimilarity("intentThreshold", intentThreshold);
        }
        teamThresholds.forEach((team, value) -> requireSimilarity("teamThresholds." + team, value));
        require(maxTemperature >= 0, "maxTemperature must not be negative, got " + maxTemperature);
        require(ttlSeconds >= 1, "ttlSeconds must be at least 1, got " + ttlSeconds);
        require(purgeIntervalSeconds >= 1, "purgeIntervalSeconds must be at least 1, got " + purgeIntervalSeconds);
        require(lookupBudgetMs >= 1, "lookupBudgetMs must be at least 1, got " + lookupBudgetMs);
        require(semanticMaxChars >= 1, "semanticMaxChars must be at least 1, got " + semanticMaxChars);
        require(storeQueue >= 1, "storeQueue must be at least 1, got " + storeQueue);
    }

    public static CacheSettings defaults() {
        return new CacheSettings(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null);
    }

    /** @return the similarity threshold for a team: its own, or the default */
    public double thresholdFor(String team) {
        return teamThresholds.getOrDefault(team, threshold);
    }

    public enum StoreKind {
        /** An H2 file database under {@code directory} with an in-process HNSW index. */
        EMBEDDED,
        /** PostgreSQL with pgvector, the storage layer's database. */
        POSTGRESQL
    }

    public enum EmbedderKind {
        /** all-MiniLM-L6-v2 run in-process through ONNX Runtime. */
        LOCAL,
        /** Titan Text Embeddings v2 on Bedrock. */
        TITAN
    }

    /**
     * @param modelId    Bedrock model id; default amazon.titan-embed-text-v2:0
     * @param region     region to call; default us-east-1
     * @param dimensions vector size: 256, 512 or 1024; default 1024
     */
    public record Titan(String modelId, String region, Integer dimensions) {

        private static final Set<Integer> DIMENSIONS = Set.of(256, 512, 1024);

        public Titan {
            modelId = modelId == null || modelId.isBlank() ? "amazon.titan-embed-text-v2:0" : modelId;
            region = region == null || region.isBlank() ? "us-east-1" : region;
            dimensions = dimensions == null ? 1024 : dimensions;
            require(DIMENSIONS.contains(dimensions), "titan.dimensions must be 256, 512 or 1024, got " + dimensions);
        }
    }

    /**
     * @param efSearch candidates one HNSW search keeps (pgvector's hnsw.ef_search, 1 to 1000): fewer is faster and
     *                 finds the nearest entry a little less often; default 30
     */
    public record Postgresql(Integer efSearch) {

        public Postgresql {
            efSearch = efSearch == null ? 30 : efSearch;
            require(efSearch >= 1 && efSearch <= 1000, "postgresql.efSearch must be between 1 and 1000, got " + efSearch);
        }
    }

    private static void requireSimilarity(String name, double value) {
        require(value > 0 && value <= 1, name + " must be a cosine similarity in (0, 1], got " + value);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
