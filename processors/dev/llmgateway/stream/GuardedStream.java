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
 * A streamed answer's text and tool calls held back until the call's guardrail has checked them. The model's text
 * gathers in an open chunk; once it holds {@code streamChunkChars} characters it is cut after its last whitespace (a
 * word, an e-mail address, is not split between two checks) and checked with ApplyGuardrail (source OUTPUT), one check
 * at a time, in order, while the stream goes on arriving. A tool call's input is checked whole once it has ended (its
 * JSON text, as one more check in that order). A checked chunk or input is released as it was, or as the guardrail
 * masked it; a blocked one stops the stream. Every other event of the stream (the end) waits behind what is held
 * before it: it closes the open chunk, and runs once everything before it is released, so the client sees the events
 * in the model's order. The price is latency: the client's first text comes once a chunk is full (or the answer
 * ended) and its check has answered. Every method runs under the stream's lock, which the checks' completions take too.
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
    /** Chunks (String) and tool inputs (ToolInput) to check, events (Runnable) to run, in the stream's order. */
    private final Deque<Object> queue = new ArrayDeque<>();
    private final StringBuilder open = new StringBuilder();
    private final StringBuilder released = new StringBuilder();
    private int checkedChars;
    private boolean checking;
    private boolean over;

    /** A tool call's whole input, held until checked, and where it goes then (the masked input when masked). */
    private record ToolInput(String tool, String json, Consumer<String> release) {
    }

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

    /**
     * A tool call whose input has ended: checked after what is held before it, then released (as the guardrail
     * masked it, when it did). An empty input has nothing to check and is released in order.
     *
     * @param json the input as the model wrote it
     */
    void toolInput(String tool, String json, Consumer<String> release) {
        if (json.isBlank()) {
            then(() -> release.accept(json));
            return;
        }
        closeChunk();
        queue.add(new ToolInput(tool, json, release));
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
                checking = true;
                String text = next instanceof ToolInput input ? input.json() : (String) next;
                guardrail.check(GuardrailContentSource.OUTPUT, List.of(text))
                        .whenComplete((verdict, failure) -> checked(next, verdict, failure));
            }
        }
    }

    private void checked(Object held, GuardrailVerdict verdict, Throwable failure) {
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
            String sent = " (after " + checkedChars + " characters had been sent)";
            if (verdict.outcome() == GuardrailVerdict.Outcome.BLOCKED) {
                stop(guardrail.blocked(verdict, held instanceof ToolInput input
                        ? "answer's call of tool " + input.tool() + sent : "answer" + sent));
                return;
            }
            String masked = verdict.outcome() != GuardrailVerdict.Outcome.MASKED ? null
                    : verdict.outputs().size() == 1 ? verdict.outputs().get(0) : String.join("", verdict.outputs());
            if (held instanceof ToolInput input) {
                String checked;
                try {
                    checked = masked == null ? input.json()
                            : guardrail.maskedToolInput(input.tool(), masked).toString();
                } catch (GatewayException e) {
                    stop(e);
                    return;
                }
                input.release().accept(checked);
            } else {
                String chunk = (String) held;
                release(masked == null ? chunk : masked);
                checkedChars += chunk.length();
            }
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
