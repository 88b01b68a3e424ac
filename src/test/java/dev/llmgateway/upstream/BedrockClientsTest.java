package dev.llmgateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.emulator.BedrockEmulator;
import io.netty.channel.EventLoop;
import io.netty.channel.nio.NioEventLoopGroup;
import java.time.Duration;
import java.util.List;
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

/** The async clients kept per event loop stream on that loop's thread, against the emulator. */
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

    private static void stream(BedrockRuntimeAsyncClient client, java.util.function.Consumer<Object> eachEvent)
            throws Exception {
        client.converseStream(request -> request.modelId("anthropic.claude-3-haiku-20240307-v1:0")
                        .messages(m -> m.role(ConversationRole.USER).content(c -> c.text("Say hello")))
                        .inferenceConfig(c -> c.maxTokens(5)),
                ConverseStreamResponseHandler.builder()
                        .subscriber(ConverseStreamResponseHandler.Visitor.builder()
                                .onContentBlockDelta((ContentBlockDeltaEvent event) -> eachEvent.accept(event))
                                .build())
                        .build())
                .get(10, TimeUnit.SECONDS);
    }
}
