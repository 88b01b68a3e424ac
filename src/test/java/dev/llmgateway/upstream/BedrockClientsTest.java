package dev.llmgateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.emulator.BedrockEmulator;
import dev.llmgateway.emulator.RegionBehaviour;
import io.netty.channel.EventLoop;
import io.netty.channel.nio.NioEventLoopGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockDeltaEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;

/** The async clients kept per event loop stream on that loop's thread and keep their connections, against the emulator. */
class BedrockClientsTest {

    private static BedrockEmulator emulator;
    private static NioEventLoopGroup eventLoops;
    private static BedrockClients clients;

    @BeforeAll
    static void start() {
        emulator = BedrockEmulator.start(0);
        eventLoops = new NioEventLoopGroup(2);
        clients = new BedrockClients(emulator.endpoint(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")),
                Duration.ofSeconds(10), eventLoops);
    }

    @AfterAll
    static void stop() {
        clients.close();
        eventLoops.shutdownGracefully(0, 0, TimeUnit.SECONDS);
        emulator.close();
    }

    @Test
    void aLoopsClientReadsItsStreamOnThatLoop() throws Exception {
        for (int i = 0; i < 4; i++) {
            EventLoop loop = eventLoops.next();
            List<Boolean> onLoop = new CopyOnWriteArrayList<>();
            stream(clients.async("us-east-1", loop), ignored -> onLoop.add(loop.inEventLoop()));
            assertThat(onLoop).isNotEmpty().containsOnly(true);
        }
    }

    @Test
    void eachLoopAndRegionHasItsOwnClientAndAnyOtherLoopGetsTheRegionsSharedOne() {
        EventLoop first = eventLoops.next();
        EventLoop second = eventLoops.next();
        assertThat(clients.async("us-east-1", first)).isSameAs(clients.async("us-east-1", first))
                .isNotSameAs(clients.async("us-east-1", second))
                .isNotSameAs(clients.async("us-west-2", first));
        NioEventLoopGroup stranger = new NioEventLoopGroup(1);
        try {
            assertThat(clients.async("us-east-1", stranger.next())).isSameAs(clients.async("us-east-1"));
        } finally {
            stranger.shutdownGracefully(0, 0, TimeUnit.SECONDS);
        }
    }

    @Test
    void connectionsOpenedForOneBurstOfStreamsServeTheNextAfterSecondsIdle() throws Exception {
        emulator.configureRegion("eu-west-1", RegionBehaviour.builder().timePerTokenMs(100).build());
        BedrockRuntimeAsyncClient client = clients.async("eu-west-1", eventLoops.next());
        int concurrent = 10;
        long before = emulator.connectionsOpened();
        streamAtOnce(client, concurrent);
        assertThat(emulator.connectionsOpened() - before).isEqualTo(concurrent);

        // Longer than the AWS SDK Netty client's own idle limit (5 s), which would have closed them all.
        Thread.sleep(6_000);
        streamAtOnce(client, concurrent);
        assertThat(emulator.connectionsOpened() - before).isEqualTo(concurrent);
    }

    private static void streamAtOnce(BedrockRuntimeAsyncClient client, int streams) throws Exception {
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
            running.add(startStream(client, ignored -> { }));
        }
        CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
    }

    private static void stream(BedrockRuntimeAsyncClient client, java.util.function.Consumer<Object> eachEvent)
            throws Exception {
        startStream(client, eachEvent).get(10, TimeUnit.SECONDS);
    }

    private static CompletableFuture<Void> startStream(BedrockRuntimeAsyncClient client,
                                                       java.util.function.Consumer<Object> eachEvent) {
        return client.converseStream(request -> request.modelId("anthropic.claude-3-haiku-20240307-v1:0")
                        .messages(m -> m.role(ConversationRole.USER).content(c -> c.text("Say hello")))
                        .inferenceConfig(c -> c.maxTokens(5)),
                ConverseStreamResponseHandler.builder()
                        .subscriber(ConverseStreamResponseHandler.Visitor.builder()
                                .onContentBlockDelta((ContentBlockDeltaEvent event) -> eachEvent.accept(event))
                                .build())
                        .build());
    }
}
