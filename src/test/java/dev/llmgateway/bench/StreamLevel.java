package dev.llmgateway.bench;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.HdrHistogram.Histogram;

/**
 * One level of concurrency, held: streams opened at an even rate, {@code streams} of them per {@code durationNanos}
 * (as long as one stream lasts), for {@code 1 + heldDurations} durations. After the first duration as many streams
 * are open as the level names, and from then on each new stream starts while that many run: only those are timed
 * ({@code heldDurations} times the level's streams; every stream when it is 0). Each stream is timed from its
 * scheduled start; with the load client's late wake-ups meanwhile ({@link WakeUpDelays}).
 *
 * @param timed the streams whose first byte was timed
 */
record StreamLevel(int streams, int started, int complete, int timed, Histogram firstByteMicros, double seconds,
                   Map<String, Integer> errors, WakeUpDelays.Summary wakeUps) {

    static StreamLevel run(int streams, long durationNanos, int heldDurations, StreamStarter starter) throws Exception {
        int started = streams * (1 + heldDurations);
        int firstTimed = heldDurations == 0 ? 0 : streams;
        Map<String, Integer> errors = new ConcurrentHashMap<>();
        WakeUpDelays wakeUps = WakeUpDelays.start();
        @SuppressWarnings("unchecked")
        CompletableFuture<StreamResult>[] futures = new CompletableFuture[started];
        long start = OpenLoopSchedule.run(started, durationNanos / streams, (i, scheduled) ->
                futures[i] = starter.start(scheduled).exceptionally(e -> {
                    errors.merge(rootMessage(e), 1, Integer::sum);
                    return StreamResult.FAILED;
                }));
        CompletableFuture.allOf(futures).get();
        double seconds = (System.nanoTime() - start) / 1e9;
        WakeUpDelays.Summary stalls = wakeUps.stop();
        List<StreamResult> results = IntStream.range(0, started).mapToObj(i -> futures[i].join()).toList();
        Histogram firstByte = new Histogram(3);
        results.subList(firstTimed, started).stream().filter(r -> r.firstByteNanos() >= 0)
                .forEach(r -> firstByte.recordValue(Math.max(1, r.firstByteNanos() / 1000)));
        int complete = (int) results.stream()
                .filter(r -> r.completed() && r.chunks() >= StreamPrompt.OUTPUT_TOKENS).count();
        return new StreamLevel(streams, started, complete, started - firstTimed, firstByte, seconds,
                new TreeMap<>(errors), stalls);
    }

    double firstByteMs(double percentile) {
        return firstByteMicros.getTotalCount() == 0 ? Double.NaN : firstByteMicros.getValueAtPercentile(percentile) / 1000.0;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String message = root.getClass().getSimpleName() + ": " + root.getMessage();
        return message.length() > 160 ? message.substring(0, 160) : message;
    }
}
