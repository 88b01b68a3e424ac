package dev.llmgateway.batch;

import dev.llmgateway.chat.ChatRequest;
import dev.llmgateway.chat.ChatResponse;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.chat.ModelSpec;
import dev.llmgateway.guard.tokens.TokenEstimator;
import dev.llmgateway.guard.tokens.TokenLimitSettings;
import dev.llmgateway.model.ModelCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Summarizes a document of any length without overflowing the model's context window (map-reduce): a document
 * that fits is summarized in one call; a longer one is cut into overlapping parts that fit
 * ({@link TextChunker}, sized by {@link SummaryBudget}), the parts are summarized in parallel, and the part
 * summaries are combined into one; when they are too long to combine in one call, they are grouped and each
 * group combined, round after round, until one call can take them all. Calls run on the shared executor, whose
 * size bounds the upstream calls in flight across every document.
 */
public class DocumentSummarizer {

    private static final Logger LOG = LoggerFactory.getLogger(DocumentSummarizer.class);

    private final BatchSettings settings;
    private final ModelCatalog catalog;
    private final TokenLimitSettings limits;
    private final SummaryCall call;
    private final Executor calls;
    private final TokenEstimator estimator;

    /**
     * @param limits the token guard's settings: family margins and team prompt limits the parts must respect
     * @param calls  runs the upstream calls; its size is the batch concurrency
     */
    public DocumentSummarizer(BatchSettings settings, ModelCatalog catalog, TokenLimitSettings limits, SummaryCall call,
                              Executor calls) {
        this.settings = settings;
        this.catalog = catalog;
        this.limits = limits;
        this.call = call;
        this.calls = calls;
        this.estimator = new TokenEstimator(limits.margins());
    }

    public Summary summarize(Document document) throws InterruptedException {
        Job job = new Job(document, budget(document));
        if (TokenEstimator.rawCount(document.text()) <= job.budget.textTokens(document.instructions())) {
            String text = job.callAll(List.of(SummaryPrompts.whole(document, job.budget.summaryTokens())), "").get(0);
            return job.summary(text, 1, 1);
        }
        int partTokens = job.budget.textTokens(document.instructions() + SummaryPrompts.WIDEST_PART_HEADER);
        List<String> parts = new TextChunker(partTokens, settings.chunking().overlapTokens()).split(document.text());
        LOG.info("Document {}: {} parts of up to {} tokens", document.id(), parts.size(), partTokens);
        List<ChatRequest> requests = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            requests.add(SummaryPrompts.part(document, i + 1, parts.size(), parts.get(i), job.budget.summaryTokens()));
        }
        List<String> summaries = job.callAll(requests, "parts");
        int combineTokens = job.budget.textTokens(document.instructions() + SummaryPrompts.COMBINE_HEADER);
        int round = 2;
        while (TokenEstimator.rawCount(SummaryPrompts.joined(summaries)) > combineTokens) {
            List<List<String>> groups = groups(summaries, combineTokens);
            if (groups.size() >= summaries.size()) {
                throw new DocumentRejectedException("summaries_too_long", "The part summaries of document "
                        + document.id() + " do not shrink when combined: " + summaries.size() + " summaries need "
                        + groups.size() + " calls. Lower batch.summaryMaxTokens or use a model with a larger context window.");
            }
            LOG.info("Document {}: combining {} summaries in {} groups (round {})", document.id(), summaries.size(),
                    groups.size(), round);
            List<ChatRequest> combining = groups.stream()
                    .map(group -> SummaryPrompts.combine(document, group, job.budget.summaryTokens())).toList();
            summaries = job.callAll(combining, "groups of summaries (round " + round + ")");
            round++;
        }
        String text = job.callAll(List.of(SummaryPrompts.combine(document, summaries, job.budget.summaryTokens())), "")
                .get(0);
        return job.summary(text, parts.size(), round);
    }

    private SummaryBudget budget(Document document) {
        ModelCatalog.Entry entry = catalog.find(document.model());
        if (entry == null) {
            throw new DocumentRejectedException("model_not_found", "The model '" + document.model()
                    + "' does not exist here.");
        }
        ModelSpec model = entry.spec();
        SummaryBudget budget = SummaryBudget.of(model, settings, limits.maxPromptTokens(document.team()),
                estimator.margin(model.family()));
        String shortfall = budget.shortfall(document.instructions());
        if (shortfall != null) {
            throw new DocumentRejectedException("model_too_small", "Document " + document.id() + " cannot be summarized with model "
                    + model.alias() + ": " + shortfall + ".");
        }
        return budget;
    }

    /** Consecutive summaries packed into groups that each fit one combining call. */
    private static List<List<String>> groups(List<String> summaries, int maxTokens) {
        List<List<String>> groups = new ArrayList<>();
        List<String> group = new ArrayList<>();
        int used = 0;
        for (String summary : summaries) {
            int tokens = TokenEstimator.rawCount(SummaryPrompts.summaryBlock(group.size() + 1, summary)
                    + SummaryPrompts.BLOCK_SEPARATOR);
            if (!group.isEmpty() && used + tokens > maxTokens) {
                groups.add(group);
                group = new ArrayList<>();
                used = 0;
            }
            group.add(summary);
            used += tokens;
        }
        groups.add(group);
        return groups;
    }

    /** One document's calls: their ids, counts and billed tokens. */
    private final class Job {
        private final Document document;
        private final SummaryBudget budget;
        private final String batchId = "batch-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        private final AtomicInteger callCount = new AtomicInteger();
        private final AtomicLong inputTokens = new AtomicLong();
        private final AtomicLong outputTokens = new AtomicLong();

        Job(Document document, SummaryBudget budget) {
            this.document = document;
            this.budget = budget;
        }

        /**
         * Runs the requests in parallel on the shared executor and waits for all of them. The first failure stops
         * the calls not yet started and is thrown.
         *
         * @param what what the requests summarize, for progress lines ("" for a single call: no progress line)
         */
        List<String> callAll(List<ChatRequest> requests, String what) throws InterruptedException {
            AtomicReference<RuntimeException> firstFailure = new AtomicReference<>();
            AtomicInteger finished = new AtomicInteger();
            List<CompletableFuture<String>> answers = new ArrayList<>();
            for (ChatRequest request : requests) {
                SummaryRequest summaryRequest = new SummaryRequest(batchId + "-" + callCount.incrementAndGet(),
                        document.team(), document.feature(), request);
                answers.add(CompletableFuture.supplyAsync(() -> {
                    if (firstFailure.get() != null) {
                        throw new CancellationException("another call of the document failed");
                    }
                    try {
                        String text = answer(call.call(summaryRequest));
                        if (!what.isEmpty()) {
                            LOG.info("Document {}: {} of {} {} summarized", document.id(), finished.incrementAndGet(),
                                    requests.size(), what);
                        }
                        return text;
                    } catch (RuntimeException e) {
                        firstFailure.compareAndSet(null, e);
                        throw e;
                    }
                }, calls));
            }
            try {
                CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get();
            } catch (ExecutionException e) {
                if (firstFailure.get() == null) {
                    throw new IllegalStateException("a summary call of document " + document.id() + " failed", e.getCause());
                }
                throw asDocumentFailure(firstFailure.get());
            } catch (InterruptedException e) {
                firstFailure.compareAndSet(null, new CancellationException("interrupted"));
                throw e;
            }
            return answers.stream().map(CompletableFuture::join).toList();
        }

        private String answer(ChatResponse response) {
            if (response.usage() != null) {
                inputTokens.addAndGet(response.usage().inputTokens());
                outputTokens.addAndGet(response.usage().outputTokens());
            }
            if (response.text() == null || response.text().isBlank()) {
                throw new GatewayException(502, "upstream_error", "empty_summary",
                        "The model answered with no text for document " + document.id() + ".");
            }
            return response.text().strip();
        }

        /** A refusal caused by the request itself will not change on a retry: the document is rejected. */
        private RuntimeException asDocumentFailure(RuntimeException failure) {
            if (failure instanceof GatewayException gateway && DocumentRejectedException.isRequestFault(gateway)) {
                return DocumentRejectedException.of(gateway);
            }
            return failure;
        }

        Summary summary(String text, int parts, int rounds) {
            return new Summary(text, document.model(), parts, rounds, callCount.get(), inputTokens.get(),
                    outputTokens.get());
        }
    }
}
