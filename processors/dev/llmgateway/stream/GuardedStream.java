package dev.llmgateway.stream;

import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.guard.guardrail.AppliedGuardrail;
import dev.llmgateway.guard.guardrail.GuardrailVerdict;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailContentSource;

/**
 * A streamed answer's text held back until the call's guardrail has checked it. The model's text gathers in an open
 * chunk; once it holds {@code streamChunkChars} characters it is cut after its last whitespace (a word, an e-mail
 * address, is not split between two checks) and checked with ApplyGuardrail (source OUTPUT), one chunk at a time, in
 * order, while the stream goes on arriving. A checked chunk is released as it was, or as the guardrail masked it; a
 * blocked one stops the stream. Every other event of the stream (a tool call, the end) waits behind the text before it:
 * it closes the open chunk, and runs once everything before it is released, so the client sees the events in the
 * model's order. The price is latency: the client's first text comes once a chunk is full (or the answer ended) and
 * its check has answered. Every method runs under the stream's lock, which the checks' completions take too.
 */
final class GuardedStream {

    /** Where released text and the stream's stop go. */
    interface Sink {
        /** Writes checked text (masked where the guardrail masked it). */
        void release(String text);

        /** Ends the stream with this error: the guardrail blocked a chunk, or could not check it. */
        void stop(GatewayException error);
    }

    private final Object lock;
    private final AppliedGuardrail guardrail;
    private final int chunkChars;
    private final Sink sink;
    /** Chunks to check (String) and events to run (Runnable), in the stream's order. */
    private final Deque<Object> queue = new ArrayDeque<>();
    private final StringBuilder open = new StringBuilder();
    private final StringBuilder released = new StringBuilder();
    private int checkedChars;
    private boolean checking;
    private boolean over;

    GuardedStream(Object lock, AppliedGuardrail guardrail, Sink sink) {
        this.lock = lock;
        this.guardrail = guardrail;
        this.chunkChars = guardrail.streamChunkChars();
        this.sink = sink;
    }

    /** The model's next text: held, and checked once a chunk is full. */
    void text(String text) {
        open.append(text);
        while (open.length() >= chunkChars) {
            int cut = lastWhitespace(open) + 1;
            if (cut < chunkChars / 2) {
                cut = open.length(); // no break near the end: the whole chunk, rather than a sliver
            }
            queue.add(open.substring(0, cut));
            open.delete(0, cut);
        }
        pump();
    }

    /** An event that must come after the text before it: run now when nothing is held, else once that is out. */
    void then(Runnable event) {
        if (!checking && queue.isEmpty() && open.length() == 0) {
            event.run();
            return;
        }
        closeChunk();
        queue.add(event);
        pump();
    }

    /** The stream is over without being served whole (an upstream error, the client left): held text is dropped. */
    void abandon() {
        over = true;
        queue.clear();
        open.setLength(0);
    }

    /** @return the text released to the client so far (before PII placeholders are restored) */
    String released() {
        return released.toString();
    }

    private void closeChunk() {
        if (open.length() > 0) {
            queue.add(open.toString());
            open.setLength(0);
        }
    }

    private void pump() {
        while (!checking && !over && !queue.isEmpty()) {
            Object next = queue.peek();
            if (next instanceof Runnable event) {
                queue.poll();
                event.run();
            } else {
                String chunk = (String) next;
                checking = true;
                guardrail.check(GuardrailContentSource.OUTPUT, List.of(chunk))
                        .whenComplete((verdict, failure) -> checked(chunk, verdict, failure));
            }
        }
    }

    private void checked(String chunk, GuardrailVerdict verdict, Throwable failure) {
        synchronized (lock) {
            checking = false;
            if (over) {
                return;
            }
            queue.poll();
            if (failure != null) {
                stop(AppliedGuardrail.failure(failure));
                return;
            }
            switch (verdict.outcome()) {
                case BLOCKED -> {
                    stop(guardrail.blocked(verdict, "answer (after " + checkedChars + " characters had been sent)"));
                    return;
                }
                case MASKED -> release(verdict.outputs().size() == 1 ? verdict.outputs().get(0)
                        : String.join("", verdict.outputs()));
                default -> release(chunk);
            }
            checkedChars += chunk.length();
            pump();
        }
    }

    private void release(String text) {
        released.append(text);
        sink.release(text);
    }

    private void stop(GatewayException error) {
        abandon();
        sink.stop(error);
    }

    private static int lastWhitespace(CharSequence text) {
        for (int i = text.length() - 1; i >= 0; i--) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
