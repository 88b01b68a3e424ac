package dev.llmgateway.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The CPU time a process has used so far, user and system, as Linux reports it in {@code /proc/PID/stat}. */
final class ProcessCpu {

    /** Linux counts process times in USER_HZ ticks, 100 per second on every mainstream architecture. */
    private static final double MILLIS_PER_TICK = 10;

    private ProcessCpu() {
    }

    static double millis(long pid) {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CPU time of process " + pid, e);
        }
        // The command name (field 2) is in parentheses and may hold spaces; utime and stime are fields 14 and 15.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * MILLIS_PER_TICK;
    }
}
