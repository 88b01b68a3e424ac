package dev.llmgateway.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The most threads and resident memory another process had while this sampler ran (sampled every 100 ms), and its
 * proportional memory when it stops (read once: see {@link ProcessStatus#withoutPss}).
 */
final class PeakSampler implements AutoCloseable {

    private final long pid;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "peak-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private int peakThreads;
    private long peakRssKb;

    private PeakSampler(long pid) {
        this.pid = pid;
    }

    static PeakSampler start(long pid) {
        PeakSampler sampler = new PeakSampler(pid);
        sampler.timer.scheduleAtFixedRate(sampler::sample, 0, 100, TimeUnit.MILLISECONDS);
        return sampler;
    }

    private synchronized void sample() {
        try {
            record(ProcessStatus.withoutPss(pid));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the status of process " + pid, e);
        }
    }

    private void record(ProcessStatus status) {
        peakThreads = Math.max(peakThreads, status.threads());
        peakRssKb = Math.max(peakRssKb, status.rssKb());
    }

    /** The highest live thread count and resident memory seen, and the proportional memory at the end. */
    record Peaks(int threads, long rssKb, long pssKb) {
        double rssMb() {
            return rssKb / 1024.0;
        }

        double pssMb() {
            return pssKb / 1024.0;
        }
    }

    /** Stops sampling, after one last sample with PSS, and returns the peaks. */
    synchronized Peaks peaks() {
        close();
        try {
            ProcessStatus last = ProcessStatus.of(pid);
            record(last);
            return new Peaks(peakThreads, peakRssKb, last.pssKb());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the status of process " + pid, e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
