package dev.llmgateway.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Many slow streams at once: pacing is done by timers, so no thread is held per stream. */
class ConcurrentStreamsTest {
    private static final int STREAMS = 1000;

    @Test
    void holdsAThousandSlowStreamsAtOnce() throws Exception {
        Vertx clientVertx = Vertx.vertx();
        try (BedrockEmulator emulator = BedrockEmulator.start(0)) {
            emulator.configureRegion("us-east-1", RegionBehaviour.builder().timePerTokenMs(100).build());
            HttpClient http = clientVertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1")
                    .setDefaultPort(emulator.port()), new PoolOptions().setHttp1MaxSize(STREAMS));
            String body = RequestBodies.claude("Hi there?", 12).toString();
            AtomicLong bytes = new AtomicLong();
            AtomicLong peakInFlight = new AtomicLong();
            long periodic = clientVertx.setPeriodic(20, id -> {
                EmulatorStats stats = emulator.stats("us-east-1");
                peakInFlight.accumulateAndGet(stats.streamsStarted() - stats.streamsCompleted(), Math::max);
            });

            List<Future<Void>> streams = new ArrayList<>();
            for (int i = 0; i < STREAMS; i++) {
                streams.add(http.request(new RequestOptions().setMethod(HttpMethod.POST)
                                .setURI("/model/" + SdkClients.CLAUDE.replace(":", "%3A") + "/invoke-with-response-stream")
                                .putHeader("Authorization", SdkClients.SIGV4_AUTHORIZATION))
                        .compose(request -> request.send(body))
                        .compose(response -> {
                            response.handler(chunk -> bytes.addAndGet(chunk.length()));
                            return response.end();
                        }));
            }
            Future.all(streams).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
            clientVertx.cancelTimer(periodic);

            EmulatorStats stats = emulator.stats("us-east-1");
            assertThat(stats.streamsCompleted()).isEqualTo(STREAMS);
            assertThat(peakInFlight.get()).isGreaterThan(STREAMS * 9 / 10);
            assertThat(bytes.get()).isPositive();
        } finally {
            clientVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
