package dev.llmgateway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A process's live threads and resident memory as Linux reports them in {@code /proc/PID/status}. */
record ProcessStatus(int threads, long rssKb, long peakRssKb) {

    static ProcessStatus of(long pid) throws IOException {
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
        return new ProcessStatus(threads, rss, peakRss);
    }

    double rssMb() {
        return rssKb / 1024.0;
    }

    double peakRssMb() {
        return peakRssKb / 1024.0;
    }

    private static String value(String line) {
        return line.substring(line.indexOf(':') + 1).trim().split("\\s+")[0];
    }
}
