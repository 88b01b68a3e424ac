package dev.llmgateway.teams;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The teams as this instance applies them: a copy of the database's, read at start and again whenever the store's
 * fingerprint moves (polled every few seconds, so a change made through any instance applies on all of them without
 * a restart), and at once after a change made through this instance. When the database cannot be read the last
 * copy stays in force.
 */
public final class TeamDirectory implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TeamDirectory.class);

    private final TeamStore store;
    private final Consumer<Map<String, TeamSettings>> onChange;
    private final ScheduledExecutorService poller;
    private volatile Map<String, TeamSettings> teams = Map.of();
    private String fingerprint = "";

    /**
     * @param onChange told of the teams after every reload (the guards' team settings are rebuilt from them)
     * @param every    how often the fingerprint is polled; null: never (tests and the command line)
     */
    public TeamDirectory(TeamStore store, Consumer<Map<String, TeamSettings>> onChange, Duration every) {
        this.store = store;
        this.onChange = onChange;
        refresh();
        if (every == null) {
            this.poller = null;
        } else {
            this.poller = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "team-refresh");
                thread.setDaemon(true);
                return thread;
            });
            poller.scheduleWithFixedDelay(this::refreshQuietly, every.toMillis(), every.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    /** @return the team's settings, or empty for a team without any (the configured defaults apply) */
    public Optional<TeamSettings> find(String team) {
        return team == null ? Optional.empty() : Optional.ofNullable(teams.get(team));
    }

    /** Reads the teams again if any changed since the last read. */
    public synchronized void refresh() {
        String now = store.fingerprint();
        if (!now.equals(fingerprint)) {
            Map<String, TeamSettings> read = new LinkedHashMap<>();
            store.live().forEach((name, team) -> read.put(name, team.settings()));
            onChange.accept(Map.copyOf(read));
            teams = Map.copyOf(read);
            fingerprint = now;
        }
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            LOG.warn("Cannot read the teams from the database; the last ones read stay in force: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        if (poller != null) {
            poller.shutdownNow();
        }
    }
}
