package dev.llmgateway.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.chat.ChatMessage;
import dev.llmgateway.chat.ChatResponse;
import dev.llmgateway.chat.ChatRole;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.chat.ModelSpec;
import dev.llmgateway.chat.Usage;
import dev.llmgateway.guard.tokens.TeamTokenLimits;
import dev.llmgateway.guard.tokens.TokenEstimator;
import dev.llmgateway.guard.tokens.TokenLimitSettings;
import dev.llmgateway.model.ModelCatalog;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The map-reduce over a summary call that answers at once, so every request the summarizer makes can be inspected. */
class DocumentSummarizerTest {

    private static final int CONTEXT_WINDOW = 2_000;
    private static final int SUMMARY_TOKENS = 100;
    private static final ModelCatalog CATALOG = new ModelCatalog(List.of(new ModelCatalog.Entry(
            new ModelSpec("small", "claude", CONTEXT_WINDOW, 400, Set.of(),
                    List.of(new ModelSpec.RegionTarget("us-east-1", "m"))),
            200)));
    private static final BatchSettings SETTINGS = new BatchSettings("small", "batch", "batch", "Summarize.", 3,
            SUMMARY_TOKENS, 1_000_000, new BatchSettings.Chunking(null, 50, 0.1), null, null);
    private static final TokenEstimator ESTIMATOR = TokenEstimator.withDefaultMargins();

    private final ExecutorService calls = Executors.newFixedThreadPool(3);
    private final List<SummaryRequest> requests = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        calls.shutdownNow();
    }

    private static String prose(int sentences) {
        return IntStream.rangeClosed(1, sentences)
                .mapToObj(i -> "In week " + i + " the committee reviewed the budget for the new library wing. ")
                .collect(Collectors.joining());
    }

    private static Document document(String text) {
        return new Document("report.txt", text, "small", "research", "digest", "Summarize.");
    }

    private DocumentSummarizer summarizer(TokenLimitSettings limits, Function<SummaryRequest, String> answer) {
        return new DocumentSummarizer(SETTINGS, CATALOG, limits, request -> {
            requests.add(request);
            return new ChatResponse(answer.apply(request), "end_turn", new Usage(10, 5), "us-east-1", "m");
        }, calls);
    }

    private DocumentSummarizer summarizer(Function<SummaryRequest, String> answer) {
        return summarizer(TokenLimitSettings.defaults(), answer);
    }

    private static String userText(SummaryRequest request) {
        return request.chat().messages().stream().filter(m -> m.role() == ChatRole.USER).map(ChatMessage::content)
                .findFirst().orElseThrow();
    }

    @Test
    void aDocumentThatFitsTakesOneCall() throws Exception {
        Summary summary = summarizer(request -> "A short summary.").summarize(document(prose(5)));

        assertThat(summary.text()).isEqualTo("A short summary.");
        assertThat(summary.parts()).isEqualTo(1);
        assertThat(summary.rounds()).isEqualTo(1);
        assertThat(summary.calls()).isEqualTo(1);
        assertThat(summary.inputTokens()).isEqualTo(10);
        assertThat(requests).singleElement().satisfies(request -> {
            assertThat(userText(request)).isEqualTo(prose(5));
            assertThat(request.chat().messages().get(0).content()).isEqualTo("Summarize.");
            assertThat(request.team()).isEqualTo("research");
            assertThat(request.feature()).isEqualTo("digest");
            assertThat(request.chat().maxTokens()).isEqualTo(SUMMARY_TOKENS);
        });
    }

    @Test
    void aLongDocumentIsSummarizedInPartsThenCombined() throws Exception {
        String text = prose(400);
        assertThat(ESTIMATOR.estimate(text, "claude")).isGreaterThan(3 * CONTEXT_WINDOW);

        Summary summary = summarizer(request -> userText(request).startsWith(SummaryPrompts.COMBINE_HEADER)
                ? "The whole budget story." : "Part: the committee met.").summarize(document(text));

        assertThat(summary.text()).isEqualTo("The whole budget story.");
        assertThat(summary.parts()).isGreaterThan(3);
        assertThat(summary.rounds()).isEqualTo(2);
        assertThat(summary.calls()).isEqualTo(summary.parts() + 1);
        assertThat(summary.inputTokens()).isEqualTo(10L * summary.calls());
        assertThat(requests).allSatisfy(request -> assertThat(ESTIMATOR.estimate(request.chat(), "claude")
                + request.chat().maxTokens()).isLessThanOrEqualTo(CONTEXT_WINDOW));
        List<SummaryRequest> parts = requests.stream().filter(r -> !userText(r).startsWith(SummaryPrompts.COMBINE_HEADER))
                .toList();
        assertThat(parts).hasSize(summary.parts());
        assertThat(parts).anySatisfy(r -> assertThat(userText(r)).startsWith("This is part 2 of " + summary.parts() + " "));
        SummaryRequest combine = requests.stream().filter(r -> userText(r).startsWith(SummaryPrompts.COMBINE_HEADER))
                .findFirst().orElseThrow();
        assertThat(userText(combine)).contains("Summary of part 1:\nPart: the committee met.")
                .contains("Summary of part " + summary.parts() + ":");
        assertThat(requests).extracting(SummaryRequest::requestId).doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(id).startsWith(requests.get(0).requestId().replaceAll("-\\d+$", "-")));
    }

    @Test
    void summariesTooLongToCombineAtOnceAreCombinedInRounds() throws Exception {
        String longSummary = prose(6);
        assertThat(TokenEstimator.rawCount(longSummary)).isLessThan(SUMMARY_TOKENS);

        Summary summary = summarizer(request -> longSummary).summarize(document(prose(1500)));

        assertThat(summary.rounds()).isGreaterThanOrEqualTo(3);
        assertThat(summary.calls()).isGreaterThan(summary.parts() + 1);
        assertThat(requests).allSatisfy(request -> assertThat(ESTIMATOR.estimate(request.chat(), "claude")
                + request.chat().maxTokens()).isLessThanOrEqualTo(CONTEXT_WINDOW));
    }

    @Test
    void summariesThatDoNotShrinkWhenCombinedFailTheDocumentInsteadOfLooping() {
        String overlong = prose(60);
        DocumentSummarizer summarizer = summarizer(request -> overlong);

        assertThatThrownBy(() -> summarizer.summarize(document(prose(300))))
                .isInstanceOf(DocumentRejectedException.class)
                .hasMessageContaining("do not shrink when combined")
                .extracting(e -> ((DocumentRejectedException) e).code()).isEqualTo("summaries_too_long");
    }

    @Test
    void partsAreSummarizedInParallelUpToTheConcurrency() throws Exception {
        CountDownLatch threeAtOnce = new CountDownLatch(3);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        Summary summary = summarizer(request -> {
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            threeAtOnce.countDown();
            try {
                // Only the first three calls wait here, for each other: they are released once all three run.
                if (!threeAtOnce.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("three calls never ran at once");
                }
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            } finally {
                inFlight.decrementAndGet();
            }
            return "Part summary.";
        }).summarize(document(prose(300)));

        assertThat(summary.parts()).isGreaterThan(3);
        assertThat(mostInFlight.get()).isEqualTo(3);
    }

    @Test
    void theTeamsPromptLimitKeepsPartsSmaller() throws Exception {
        TokenLimitSettings limits = new TokenLimitSettings(null, null, null,
                Map.of("research", new TeamTokenLimits(500, null)), null);

        Summary summary = summarizer(limits, request -> "Short.").summarize(document(prose(100)));

        assertThat(summary.parts()).isGreaterThan(3);
        assertThat(requests).allSatisfy(request ->
                assertThat(ESTIMATOR.estimate(request.chat(), "claude")).isLessThanOrEqualTo(500));
    }

    @Test
    void anUpstreamFailureIsThrownAsItIs() {
        GatewayException unavailable = new GatewayException(503, "upstream_error", "upstream_unavailable", "down");
        DocumentSummarizer summarizer = summarizer(request -> {
            throw unavailable;
        });

        assertThatThrownBy(() -> summarizer.summarize(document(prose(300)))).isSameAs(unavailable);
    }

    @Test
    void aRefusalOfTheRequestItselfRejectsTheDocument() {
        DocumentSummarizer summarizer = summarizer(request -> {
            throw GatewayException.invalidRequest("injection_blocked", "The prompt was blocked.");
        });

        assertThatThrownBy(() -> summarizer.summarize(document(prose(5))))
                .isInstanceOf(DocumentRejectedException.class)
                .hasMessage("The prompt was blocked.")
                .extracting(e -> ((DocumentRejectedException) e).code()).isEqualTo("injection_blocked");
    }

    @Test
    void anUnknownModelIsRejectedBeforeAnyCall() {
        Document document = new Document("x", "Some text.", "nope", "batch", "batch", "Summarize.");

        assertThatThrownBy(() -> summarizer(request -> "never").summarize(document))
                .isInstanceOf(DocumentRejectedException.class)
                .hasMessageContaining("'nope'")
                .extracting(e -> ((DocumentRejectedException) e).code()).isEqualTo("model_not_found");
        assertThat(requests).isEmpty();
    }

    @Test
    void instructionsThatLeaveNoRoomForTwoSummariesAreRejected() {
        Document document = new Document("x", prose(300), "small", "batch", "batch", prose(90));

        assertThatThrownBy(() -> summarizer(request -> "never").summarize(document))
                .isInstanceOf(DocumentRejectedException.class)
                .hasMessageContaining("two summaries")
                .extracting(e -> ((DocumentRejectedException) e).code()).isEqualTo("model_too_small");
        assertThat(requests).isEmpty();
    }
}
