package dev.llmgateway.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** What this JVM holds right now: open file descriptors (sockets included), live threads, heap in use after a GC. */
public record ProcessResources(long fileDescriptors, int threads, long heapUsedAfterGc) {

    private static final int GC_ROUNDS = 3;

    public static ProcessResources now() {
        return new ProcessResources(openFileDescriptors(), ManagementFactory.getThreadMXBean().getThreadCount(),
                measureHeapAfterGc());
    }

    public static long openFileDescriptors() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long measureHeapAfterGc() {
        for (int i = 0; i < GC_ROUNDS; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    @Override
    public String toString() {
        return "%d fds, %d threads, %d MiB heap after GC".formatted(fileDescriptors, threads, heapUsedAfterGc >> 20);
    }
}
