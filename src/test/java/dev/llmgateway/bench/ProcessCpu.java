package dev.llmgateway.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;
import java.util.stream.Stream;

/** The CPU time a process (or its JIT compiler) has used so far, user and system, as Linux reports it in /proc. */
final class ProcessCpu {

    /** Linux counts process times in USER_HZ ticks, 100 per second on every mainstream architecture. */
    private static final double MILLIS_PER_TICK = 10;

    private ProcessCpu() {
    }

    static double millis(long pid) {
        return millis(Path.of("/proc", Long.toString(pid)));
    }

    /**
     * @return the CPU time the live JIT compiler threads (HotSpot's C1 and C2) of a Java process have used so far, or
     * empty for a process that has none. HotSpot starts and stops compiler threads as needed, so this can go down.
     */
    static OptionalDouble jitMillis(long pid) {
        double total = 0;
        boolean any = false;
        try (Stream<Path> threads = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path thread : (Iterable<Path>) threads::iterator) {
                try {
                    String name = Files.readString(thread.resolve("comm"));
                    if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                        total += millis(thread);
                        any = true;
                    }
                } catch (IOException | UncheckedIOException threadEnded) {
                    // a compiler thread HotSpot stopped meanwhile
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the threads of process " + pid, e);
        }
        return any ? OptionalDouble.of(total) : OptionalDouble.empty();
    }

    /** @param process a process's or a thread's directory under /proc */
    private static double millis(Path process) {
        String stat;
        try {
            stat = Files.readString(process.resolve("stat"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CPU time of " + process, e);
        }
        // The command name (field 2) is in parentheses and may hold spaces; utime and stime are fields 14 and 15.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * MILLIS_PER_TICK;
    }
}
