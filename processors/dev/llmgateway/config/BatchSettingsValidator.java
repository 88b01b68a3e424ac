package dev.llmgateway.config;

import dev.llmgateway.auth.Names;
import dev.llmgateway.batch.BatchSettings;
import dev.llmgateway.batch.SummaryBudget;
import dev.llmgateway.chat.ModelFamilies;
import dev.llmgateway.chat.ModelSpec;
import dev.llmgateway.guard.tokens.TokenEstimator;
import dev.llmgateway.guard.tokens.TokenLimitSettings;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks {@code batch:}; each problem names the setting and what is wrong. */
final class BatchSettingsValidator {

    private static final int MAX_CONCURRENCY = 1024;
    private static final int MIN_SUMMARY_TOKENS = 16;
    private static final int MIN_PART_TOKENS = 64;
    private static final int MAX_REDELIVERIES = 100;
    private static final long MIN_POLL_MS = 10;

    private final GatewaySettings settings;

    BatchSettingsValidator(GatewaySettings settings) {
        this.settings = settings;
    }

    void check(List<String> problems) {
        BatchSettings batch = settings.batch();
        if (batch == null) {
            problems.add("batch: missing");
            return;
        }
        boolean used = batch.files() != null && batch.files().enabled() || batch.queue() != null && batch.queue().enabled();
        // The model and its room for summaries only matter once a trigger is on.
        GatewaySettings.Model model = used ? checkModel(problems, batch.model()) : null;
        if (!Names.valid(batch.team())) {
            problems.add("batch.team: must be " + Names.rule());
        }
        if (!Names.valid(batch.feature())) {
            problems.add("batch.feature: must be " + Names.rule());
        }
        if (batch.instructions() == null || batch.instructions().isBlank()) {
            problems.add("batch.instructions: say what a summary should be");
        }
        if (batch.concurrency() < 1 || batch.concurrency() > MAX_CONCURRENCY) {
            problems.add("batch.concurrency: must be between 1 and " + MAX_CONCURRENCY + ", is " + batch.concurrency());
        }
        if (batch.summaryMaxTokens() < MIN_SUMMARY_TOKENS) {
            problems.add("batch.summaryMaxTokens: must be at least " + MIN_SUMMARY_TOKENS + ", is " + batch.summaryMaxTokens());
        }
        if (batch.maxDocumentBytes() < 1) {
            problems.add("batch.maxDocumentBytes: must be at least 1, is " + batch.maxDocumentBytes());
        }
        boolean chunkingValid = checkChunking(problems, batch.chunking());
        if (model != null && chunkingValid && batch.summaryMaxTokens() >= MIN_SUMMARY_TOKENS
                && batch.instructions() != null && !batch.instructions().isBlank()) {
            checkBudget(problems, batch, model);
        }
        checkFiles(problems, batch.files());
        checkQueue(problems, batch.queue());
    }

    private GatewaySettings.Model checkModel(List<String> problems, String alias) {
        Map<String, GatewaySettings.Model> models = settings.models() == null ? Map.of() : settings.models();
        GatewaySettings.Model model = alias == null ? null : models.get(alias);
        if (model == null) {
            problems.add("batch.model: must be one of the models: aliases " + models.keySet() + ", is '" + alias + "'");
            return null;
        }
        if (!ModelFamilies.isChat(model.family())) {
            problems.add("batch.model: must be a chat model, '" + alias + "' is of the embedding family "
                    + model.family());
            return null;
        }
        return model.targets() == null || model.contextWindow() < 1 || model.maxOutputTokens() < 1 ? null : model;
    }

    private static boolean checkChunking(List<String> problems, BatchSettings.Chunking chunking) {
        if (chunking == null) {
            problems.add("batch.chunking: missing");
            return false;
        }
        int before = problems.size();
        if (chunking.maxPartTokens() != null && chunking.maxPartTokens() < MIN_PART_TOKENS) {
            problems.add("batch.chunking.maxPartTokens: must be at least " + MIN_PART_TOKENS + " (or null to derive it "
                    + "from the model), is " + chunking.maxPartTokens());
        }
        if (chunking.overlapTokens() < 0) {
            problems.add("batch.chunking.overlapTokens: must not be negative, is " + chunking.overlapTokens());
        }
        if (!(chunking.safetyMargin() >= 0 && chunking.safetyMargin() < 0.5)) {
            problems.add("batch.chunking.safetyMargin: must be at least 0 and below 0.5, is " + chunking.safetyMargin());
        }
        return problems.size() == before;
    }

    /** The batch model must take at least two summaries per call, else long documents could never be reduced. */
    private void checkBudget(List<String> problems, BatchSettings batch, GatewaySettings.Model model) {
        TokenLimitSettings limits = settings.guards() == null ? TokenLimitSettings.defaults() : settings.guards().tokens();
        ModelSpec spec = new ModelSpec(batch.model(), model.family(), model.contextWindow(), model.maxOutputTokens(),
                Set.of(), List.of());
        SummaryBudget budget = SummaryBudget.of(spec, batch, limits.maxPromptTokens(batch.team()),
                new TokenEstimator(limits.margins()).margin(model.family()));
        String shortfall = budget.shortfall(batch.instructions());
        if (shortfall != null) {
            problems.add("batch.summaryMaxTokens: with model " + batch.model() + ", " + shortfall
                    + "; lower batch.summaryMaxTokens or batch.chunking.safetyMargin, or raise batch.chunking.maxPartTokens");
        }
    }

    private static void checkFiles(List<String> problems, BatchSettings.Files files) {
        if (files == null) {
            problems.add("batch.files: missing");
            return;
        }
        Map<String, String> folders = new LinkedHashMap<>();
        folders.put("inbox", files.inbox());
        folders.put("outbox", files.outbox());
        folders.put("done", files.done());
        folders.put("error", files.error());
        Set<String> seen = new HashSet<>();
        folders.forEach((name, folder) -> {
            if (folder == null || folder.isBlank()) {
                problems.add("batch.files." + name + ": a folder is needed");
            } else if (!seen.add(Path.of(folder).toAbsolutePath().normalize().toString())) {
                problems.add("batch.files." + name + ": must differ from the other batch folders, is '" + folder + "'");
            }
        });
        if (files.pollMs() < MIN_POLL_MS) {
            problems.add("batch.files.pollMs: must be at least " + MIN_POLL_MS + ", is " + files.pollMs());
        }
        if (files.stableMs() < 1) {
            problems.add("batch.files.stableMs: must be at least 1, is " + files.stableMs());
        }
    }

    private static void checkQueue(List<String> problems, BatchSettings.Queue queue) {
        if (queue == null) {
            problems.add("batch.queue: missing");
            return;
        }
        if (!queue.enabled()) {
            return;
        }
        if (queue.url() == null || !queue.url().matches("amqps?://.+")) {
            problems.add("batch.queue.url: must be an amqp:// or amqps:// URL, is '" + queue.url() + "'");
        }
        if (queue.username() == null) {
            problems.add("batch.queue.username: missing");
        }
        Set<String> seen = new HashSet<>();
        Map<String, String> addresses = new LinkedHashMap<>();
        addresses.put("requests", queue.requests());
        addresses.put("replies", queue.replies());
        addresses.put("deadLetters", queue.deadLetters());
        addresses.forEach((name, address) -> {
            if (address == null || address.isBlank()) {
                problems.add("batch.queue." + name + ": an address is needed");
            } else if (!seen.add(address)) {
                problems.add("batch.queue." + name + ": must differ from the other batch queues, is '" + address + "'");
            }
        });
        if (queue.maximumRedeliveries() < 0 || queue.maximumRedeliveries() > MAX_REDELIVERIES) {
            problems.add("batch.queue.maximumRedeliveries: must be between 0 and " + MAX_REDELIVERIES + ", is "
                    + queue.maximumRedeliveries());
        }
        if (queue.redeliveryDelayMs() < 0) {
            problems.add("batch.queue.redeliveryDelayMs: must not be negative, is " + queue.redeliveryDelayMs());
        }
    }
}
