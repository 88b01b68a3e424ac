package dev.llmgateway.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The most threads and memory another process had while this sampler ran (sampled every 100 ms). */
final class PeakSampler implements AutoCloseable {

    private final long pid;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "peak-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private int peakThreads;
    private long peakRssKb;
    private long peakPssKb;

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
            ProcessStatus status = ProcessStatus.of(pid);
            peakThreads = Math.max(peakThreads, status.threads());
            peakRssKb = Math.max(peakRssKb, status.rssKb());
            peakPssKb = Math.max(peakPssKb, status.pssKb());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the status of process " + pid, e);
        }
    }

    /** The highest live thread count, resident and proportional memory seen (see {@link ProcessStatus}). */
    record Peaks(int threads, long rssKb, long pssKb) {
        double rssMb() {
            return rssKb / 1024.0;
        }

        double pssMb() {
            return pssKb / 1024.0;
        }
    }

    /** Stops sampling, after one last sample, and returns the peaks. */
    synchronized Peaks peaks() {
        sample();
        close();
        return new Peaks(peakThreads, peakRssKb, peakPssKb);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
