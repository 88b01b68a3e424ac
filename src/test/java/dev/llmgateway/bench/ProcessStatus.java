package dev.llmgateway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process's live threads and memory as Linux reports them in {@code /proc/PID/status} and {@code smaps_rollup}.
 * Resident memory (RSS) counts a page once per mapping of it; proportional memory (PSS) counts each page once. They
 * differ for ZGC on JDK 17, which maps its heap at three addresses: RSS shows the heap up to three times.
 */
record ProcessStatus(int threads, long rssKb, long peakRssKb, long pssKb) {

    static ProcessStatus of(long pid) throws IOException {
        ProcessStatus status = withoutPss(pid);
        return new ProcessStatus(status.threads, status.rssKb, status.peakRssKb, pssKb(pid));
    }

    /**
     * The same without PSS (0): reading {@code smaps_rollup} walks the process's page tables, tens of milliseconds
     * for a heap of gigabytes, holding the lock the process needs to change its own memory mappings. Too costly to
     * repeat beside a latency measurement.
     */
    static ProcessStatus withoutPss(long pid) throws IOException {
        int threads = 0;
        long rss = 0;
        long peakRss = 0;
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("Threads:")) {
                threads = Integer.parseInt(value(line));
            } else if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(value(line));
            } else if (line.startsWith("VmHWM:")) {
                peakRss = Long.parseLong(value(line));
            }
        }
        return new ProcessStatus(threads, rss, peakRss, 0);
    }

    private static long pssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"))) {
            if (line.startsWith("Pss:")) {
                return Long.parseLong(value(line));
            }
        }
        throw new IOException("no Pss line in /proc/" + pid + "/smaps_rollup");
    }

    double rssMb() {
        return rssKb / 1024.0;
    }

    double peakRssMb() {
        return peakRssKb / 1024.0;
    }

    double pssMb() {
        return pssKb / 1024.0;
    }

    private static String value(String line) {
        return line.substring(line.indexOf(':') + 1).trim().split("\\s+")[0];
    }
}
