package dev.llmgateway.bench;

import java.util.OptionalDouble;

/**
 * Runs a load in slices, unrecorded, until the process under it has stopped compiling: at least {@link #MIN_SLICES}
 * slices, then until its JIT compiler threads used under {@link #QUIET_SHARE} of one core during a slice, at most
 * {@link #MAX_SLICES}. A process without HotSpot compiler threads (the peer gateway) gets the minimum. The gateway's C2
 * compiler is still busy minutes into a load on 2 cores; figures taken before it settles measure the compiler, not
 * the gateway a long-running deployment is.
 */
final class JitWarmUp {

    /** One slice of load, of about {@code seconds} (longer when it waits for what it started to end). */
    interface Slice {
        void run(double seconds) throws Exception;
    }

    private static final double SLICE_SECONDS = 10;
    private static final int MIN_SLICES = 3;
    private static final int MAX_SLICES = 30;
    private static final double QUIET_SHARE = 0.01;

    private JitWarmUp() {
    }

    /** @return a line saying how long the process was warmed up and why it stopped */
    static String run(String name, long pid, Slice slice) throws Exception {
        long start = System.nanoTime();
        for (int slices = 1; ; slices++) {
            OptionalDouble before = ProcessCpu.jitMillis(pid);
            slice.run(SLICE_SECONDS);
            OptionalDouble after = ProcessCpu.jitMillis(pid);
            String warmed = String.format("warm-up: %s, %d slices in %.0f s, ", name, slices,
                    (System.nanoTime() - start) / 1e9);
            if (slices >= MIN_SLICES && after.isEmpty()) {
                return warmed + "not a JVM (minimum warm-up)";
            }
            if (slices >= MIN_SLICES && before.isPresent() && after.isPresent()) {
                double compiling = after.getAsDouble() - before.getAsDouble();
                if (compiling >= 0 && compiling < QUIET_SHARE * SLICE_SECONDS * 1000) {
                    return warmed + String.format("JIT quiet (%.0f ms of compiling in the last slice)", compiling);
                }
            }
            if (slices == MAX_SLICES) {
                return warmed + "JIT still compiling: the figures below include it";
            }
        }
    }
}
