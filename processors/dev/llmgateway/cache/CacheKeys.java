package dev.llmgateway.cache;

import dev.llmgateway.chat.ChatRequest;
import dev.llmgateway.chat.ModelSpec;
import dev.llmgateway.guard.text.CombiningMarks;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/** Files requests in the cache: the partition they may share answers within, their exact hash, their semantic text. */
public final class CacheKeys {

    private static final String DEFAULT_TEAM = "default";
    private static final String SHARED = "*";

    private final CacheSettings settings;
    private final String embedderId;

    /** @param embedderId the embedder's id: vectors of different embedders never meet in one partition */
    public CacheKeys(CacheSettings settings, String embedderId) {
        this.settings = settings;
        this.embedderId = embedderId;
    }

    /**
     * @param team     the caller's team, null meaning default
     * @param template the prompt template as id@version, or null
     */
    public CacheKey of(ChatRequest request, ModelSpec model, String team, String template) {
        List<String> parts = new ArrayList<>(List.of(
                "v1",
                settings.shareAcrossTeams() ? SHARED : team == null ? DEFAULT_TEAM : team,
                model.alias(),
                String.join(",", model.targets().stream().map(ModelSpec.RegionTarget::modelId).distinct().sorted().toList()),
                embedderId,
                sha256(request.systemMessages().stream().map(m -> canonical(m.content())).toList()),
                template == null ? "-" : template,
                temperatureBucket(request.temperature()),
                String.valueOf(request.maxTokens()),
                sha256(request.stop()),
                request.topP() == null ? "default" : String.format(Locale.ROOT, "%.2f", request.topP())));
        if (!request.tools().isEmpty()) {
            // the same question with other tools, or another tool choice, may be answered otherwise
            parts.add(sha256(request.tools().stream()
                    .map(tool -> tool.name() + "\n" + tool.description() + "\n" + tool.inputSchema()).toList()));
            parts.add(request.toolChoice() == null ? "-" : request.toolChoice().kind() + ":" + request.toolChoice().name());
        }
        if (request.responseFormat() != null) {
            parts.add("format:" + request.responseFormat().name() + "\n" + request.responseFormat().schema());
        }
        String partition = sha256(parts);
        String exactHash = sha256(request.conversation().stream()
                .map(m -> m.role().wireName() + ":" + canonical(m.content())).toList());
        return new CacheKey(partition, exactHash, SemanticQuery.text(request, settings.semanticMaxChars()));
    }

    /** Temperatures a tenth apart or less sample alike; a request without one gets the model's default. */
    static String temperatureBucket(Double temperature) {
        return temperature == null ? "default" : String.format(Locale.ROOT, "%.1f", temperature);
    }

    /**
     * The same text however it was typed: Unicode composed the same way, no surrounding whitespace. A text with an
     * over-long run of combining marks is only stripped ({@link CombiningMarks}): cutting the run would give two
     * different texts one key.
     */
    static String canonical(String text) {
        return (CombiningMarks.hasLongRun(text) ? text : Normalizer.normalize(text, Normalizer.Form.NFC)).strip();
    }

    /** A hash of the parts, each length-prefixed so that no two different lists of parts hash alike. */
    static String sha256(List<String> parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                digest.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
                digest.update(bytes);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
