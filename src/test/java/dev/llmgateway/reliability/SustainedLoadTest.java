package dev.llmgateway.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.llmgateway.auth.ApiKeys;
import dev.llmgateway.testing.Eventually;
import dev.llmgateway.testing.ProcessResources;
import dev.llmgateway.testing.ServiceBound;
import dev.llmgateway.testing.TestGateway;
import dev.llmgateway.testing.TestPostgres;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A sustained mixed load on a gateway with PostgreSQL storage and the semantic cache: three teams (one with a low
 * requests-per-minute limit), both APIs, streamed and not, repeated questions (cache hits) and new ones (misses), from
 * concurrent clients for a bounded time (longer with -Dreliability.heavy=true). Only the limited team may see errors,
 * and only its 429s; every call leaves a ledger row; threads, file descriptors, database connections and the heap
 * after GC come back to where they were after the warm-up.
 */
@ServiceBound
class SustainedLoadTest {

    private static final boolean HEAVY = Boolean.getBoolean("reliability.heavy");
    private static final Duration WARM_UP = Duration.ofSeconds(6);
    private static final Duration LOAD = HEAVY ? Duration.ofMinutes(5) : Duration.ofSeconds(25);
    private static final int CLIENTS = 6;
    private static final int MAX_CONNECTIONS = 10;
    private static final String DATABASE = "llmgw_loadsec_load";
    private static final List<String> TEAMS = List.of("alpha", "beta", "limited");
    private static final List<String> REPEATED = List.of("What is the boiling point of water at sea level?",
            "Name three uses of copper.", "Why is the sky blue?", "How do bees make honey?",
            "What does a lighthouse keeper do?", "Explain what a tide is.");
    private static TestGateway gateway;
    private static final Map<String, String> KEYS = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicLong sequence = new AtomicLong();
    private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    private final Queue<String> unexpected = new ConcurrentLinkedQueue<>();

    @BeforeAll
    static void start() throws Exception {
        String url = TestPostgres.freshDatabase(DATABASE);
        gateway = TestGateway.start(Map.of(
                "LLMGW_STORAGE_MODE", "postgresql",
                "LLMGW_STORAGE_POSTGRESQL_URL", url,
                "LLMGW_STORAGE_POSTGRESQL_USER", TestPostgres.USER,
                "LLMGW_STORAGE_POSTGRESQL_MAXCONNECTIONS", Integer.toString(MAX_CONNECTIONS),
                "LLMGW_CACHE_ENABLED", "true",
                "LLMGW_CACHE_STORE", "postgresql",
                // generous: other builds share this machine, and a slow lookup is only a (correct) miss
                "LLMGW_CACHE_LOOKUPBUDGETMS", "5000"), """
                teams:
                  limited: {requestsPerMinute: 6}
                """);
        ApiKeys keys = new ApiKeys(gateway.application().database().dataSource());
        for (String team : TEAMS) {
            KEYS.put(team, keys.create(team, "load", null).secret());
        }
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void aSustainedMixedLoadFailsOnlyWithinLimitsAndLeaksNothing() throws Exception {
        runFor(WARM_UP);
        long sentInWarmUp = sequence.get();
        ProcessResources warm = ProcessResources.now();
        long databaseWarm = databaseConnections();

        runFor(LOAD);
        long sent = sequence.get();

        assertThat(unexpected).as("answers other than 200, and 429 for the limited team").isEmpty();
        assertThat(outcomes).containsKeys("alpha 200 miss", "alpha 200 hit", "beta 200 miss", "beta 200 hit",
                "limited 429");
        assertThat(Eventually.get(SustainedLoadTest::ledgerRows, rows -> rows == sent)).as("ledger rows of the calls")
                .isEqualTo(sent);
        HikariDataSource pool = (HikariDataSource) gateway.application().database().dataSource();
        Eventually.until("every pooled connection is back", () -> pool.getHikariPoolMXBean().getActiveConnections() == 0);
        assertThat(databaseConnections()).as("server connections of the database")
                .isLessThanOrEqualTo(Math.max(databaseWarm, MAX_CONNECTIONS + 2));
        ProcessResources after = Eventually.get(ProcessResources::now, now -> now.threads() <= warm.threads() + 8
                && now.fileDescriptors() <= warm.fileDescriptors() + 16
                && now.heapUsedAfterGc() <= warm.heapUsedAfterGc() + (64L << 20));
        System.out.printf("SustainedLoadTest: %d calls in %d s after %d warm-up calls; %s%nafter warm-up: %s%n"
                + "after the load: %s%n", sent - sentInWarmUp, LOAD.toSeconds(), sentInWarmUp, outcomes, warm, after);
        assertThat(after.threads()).as("live threads, %s after warm-up", warm).isLessThanOrEqualTo(warm.threads() + 8);
        assertThat(after.fileDescriptors()).as("open file descriptors").isLessThanOrEqualTo(warm.fileDescriptors() + 16);
        assertThat(after.heapUsedAfterGc()).as("heap after GC").isLessThanOrEqualTo(warm.heapUsedAfterGc() + (64L << 20));
    }

    private void runFor(Duration duration) throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        for (int i = 0; i < CLIENTS; i++) {
            clients.execute(() -> {
                while (System.nanoTime() < end) {
                    callOnce();
                }
            });
        }
        clients.shutdown();
        assertThat(clients.awaitTermination(duration.toSeconds() + 120, TimeUnit.SECONDS)).isTrue();
    }

    private void callOnce() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long n = sequence.incrementAndGet();
        String team = TEAMS.get((int) (n % TEAMS.size()));
        boolean anthropic = random.nextBoolean();
        boolean stream = random.nextBoolean();
        String question = random.nextBoolean() ? REPEATED.get(random.nextInt(REPEATED.size()))
                : "Tell me one fact about the number " + n + " and why it matters.";
        String path = anthropic ? "/v1/messages" : "/v1/chat/completions";
        String body = """
                {"model": "claude-3-haiku", "max_tokens": 40, "temperature": 0, "stream": %s,
                 "messages": [{"role": "user", "content": "%s"}]}""".formatted(stream, question);
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(gateway.uri(path))
                    .header("Authorization", "Bearer " + KEYS.get(team))
                    .header("Content-Type", "application/json")
                    .header("x-request-id", "load-%08d".formatted(n)) // the gateway takes ids of 8 characters or more
                    .timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            classify(team, stream, anthropic, response);
        } catch (Exception e) {
            unexpected.add(team + " " + path + ": " + e);
        }
    }

    private void classify(String team, boolean stream, boolean anthropic, HttpResponse<String> response) {
        int status = response.statusCode();
        boolean limitRefusal = status == 429 && team.equals("limited") // in both APIs' error shapes
                && response.body().contains("rate_limit_error") && response.body().contains("requests per minute");
        boolean complete = !stream || response.body().contains(anthropic ? "message_stop" : "[DONE]");
        if (status == 200 && complete) {
            String cache = response.headers().firstValue("x-llmgateway-cache").orElse("none");
            outcomes.computeIfAbsent(team + " 200 " + cache, k -> new LongAdder()).increment();
        } else if (limitRefusal) {
            outcomes.computeIfAbsent(team + " 429", k -> new LongAdder()).increment();
        } else {
            unexpected.add(team + " " + status + " " + response.body());
        }
    }

    private static long ledgerRows() {
        return count("SELECT count(*) FROM call_ledger WHERE request_id LIKE 'load-%'", null);
    }

    private static long databaseConnections() {
        return count("SELECT count(*) FROM pg_stat_activity WHERE datname = ?", DATABASE);
    }

    private static long count(String sql, String parameter) {
        try (Connection connection = java.sql.DriverManager.getConnection(TestPostgres.url(DATABASE), TestPostgres.USER, "");
             PreparedStatement statement = connection.prepareStatement(sql)) {
            if (parameter != null) {
                statement.setString(1, parameter);
            }
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
