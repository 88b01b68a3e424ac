package dev.llmgateway.bench;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.Message;

/** The baseline: the AWS SDK's ConverseStream straight to the emulator (us-east-1, as the gateway's first region). */
final class DirectConverseStreams implements StreamStarter, AutoCloseable {

    private final BedrockRuntimeAsyncClient client;
    private final ConverseStreamRequest request = ConverseStreamRequest.builder()
            .modelId("anthropic.claude-3-haiku-20240307-v1:0")
            .messages(Message.builder().role(ConversationRole.USER).content(ContentBlock.fromText(StreamPrompt.TEXT)).build())
            .inferenceConfig(c -> c.maxTokens(StreamPrompt.OUTPUT_TOKENS))
            .build();

    DirectConverseStreams(URI emulator) {
        client = BedrockRuntimeAsyncClient.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(emulator)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDBENCH", "bench")))
                .httpClient(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1).maxConcurrency(4096)
                        .readTimeout(Duration.ofMinutes(5)).build())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()).apiCallTimeout(Duration.ofMinutes(5)))
                .build();
    }

    @Override
    public CompletableFuture<StreamResult> start(long scheduledNanos) {
        AtomicInteger chunks = new AtomicInteger();
        long[] firstByte = {-1};
        ConverseStreamResponseHandler handler = ConverseStreamResponseHandler.builder()
                .subscriber(ConverseStreamResponseHandler.Visitor.builder()
                        .onMessageStart(e -> {
                            if (firstByte[0] < 0) {
                                firstByte[0] = System.nanoTime() - scheduledNanos;
                            }
                        })
                        .onContentBlockDelta(e -> chunks.incrementAndGet())
                        .build())
                .build();
        return client.converseStream(request, handler).thenApply(v -> new StreamResult(firstByte[0], chunks.get(), true));
    }

    @Override
    public void close() {
        client.close();
    }
}
