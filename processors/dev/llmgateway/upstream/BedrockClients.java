package dev.llmgateway.upstream;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.client.config.SdkAdvancedAsyncClientOption;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

/**
 * One Bedrock Runtime client per region (sync for plain calls, async for streams), sharing one HTTP
 * connection pool of each kind; given the gateway's event loops, also an async client per region and loop whose
 * connections all live on that loop. The SDK's own retries are off: the gateway decides what to retry and where,
 * so the two never multiply.
 */
public final class BedrockClients implements AutoCloseable {

    private static final int MAX_CONNECTIONS = 1024;
    /** How late a call's timeout may fire: a call's deadline is seconds away. */
    private static final long TIMEOUT_TICK_MILLIS = 10;
    /** What runs when an async call ends (the rest of its route: settling, recording), some of it blocking. */
    private static final int COMPLETION_THREADS = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

    private final URI endpoint;
    private final AwsCredentialsProvider credentials;
    private final Duration timeout;
    private final SdkHttpClient httpClient;
    private final SdkAsyncHttpClient asyncHttpClient;
    private final Map<EventLoop, LoopClients> loops = new HashMap<>();
    // Shared by every client: the SDK would give each client (a region, or a region and a loop) threads of its own.
    private final WheelTimerScheduler callTimeouts = new WheelTimerScheduler("bedrock-call-timeouts", TIMEOUT_TICK_MILLIS);
    private final ThreadPoolExecutor callCompletions = new ThreadPoolExecutor(COMPLETION_THREADS, COMPLETION_THREADS,
            10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), new DefaultThreadFactory("bedrock-call-completions", true));
    private final Map<String, BedrockRuntimeClient> syncClients = new ConcurrentHashMap<>();
    private final Map<String, BedrockRuntimeAsyncClient> asyncClients = new ConcurrentHashMap<>();

    /** The connections of one event loop, and the region clients that use them. */
    private record LoopClients(OneEventLoopGroup group, SdkAsyncHttpClient httpClient,
                                Map<String, BedrockRuntimeAsyncClient> clients) {
    }

    /** Clients whose streams run on the SDK's own event loop threads. */
    public BedrockClients(URI endpoint, AwsCredentialsProvider credentials, Duration timeout) {
        this(endpoint, credentials, timeout, null);
    }

    /**
     * @param endpoint    endpoint override (an emulator, a VPC endpoint), or null for AWS's regional endpoints
     * @param credentials how requests are signed
     * @param timeout     the longest one call may take
     * @param eventLoops  the event loops streams run on (the gateway's HTTP server's, so that relaying a token to
     *                    the client needs no other thread: see {@link #async(String, EventLoop)}), or null for the
     *                    SDK's own; the caller closes them
     */
    public BedrockClients(URI endpoint, AwsCredentialsProvider credentials, Duration timeout, EventLoopGroup eventLoops) {
        this.endpoint = endpoint;
        this.credentials = credentials;
        this.timeout = timeout;
        EventStreamDecoderCheck.warnUnlessGatewayDecoderLoaded();
        callCompletions.allowCoreThreadTimeOut(true);
        this.httpClient = SyncHttpClients.create(MAX_CONNECTIONS, timeout, Duration.ofSeconds(5));
        if (eventLoops == null) {
            this.asyncHttpClient = asyncHttpClientBuilder(timeout).build();
        } else {
            this.asyncHttpClient = asyncHttpClientBuilder(timeout)
                    .eventLoopGroup(SdkEventLoopGroup.create(eventLoops)).build();
            for (EventExecutor executor : eventLoops) {
                OneEventLoopGroup group = new OneEventLoopGroup((EventLoop) executor);
                loops.put((EventLoop) executor, new LoopClients(group, asyncHttpClientBuilder(timeout)
                        .eventLoopGroup(SdkEventLoopGroup.create(group)).build(), new ConcurrentHashMap<>()));
            }
        }
    }

    private static NettyNioAsyncHttpClient.Builder asyncHttpClientBuilder(Duration timeout) {
        return NettyNioAsyncHttpClient.builder()
                .protocol(Protocol.HTTP1_1)
                .maxConcurrency(MAX_CONNECTIONS)
                .readTimeout(timeout)
                .connectionTimeout(Duration.ofSeconds(5))
                // The Netty client's own default (5 s idle) closed a third to all of a loop's connections after each
                // burst of concurrent streams, so new streams paid for a new connection; 60 s is the Apache client's.
                .connectionMaxIdleTime(Duration.ofSeconds(60));
    }

    public BedrockRuntimeClient sync(String region) {
        return syncClients.computeIfAbsent(region, r -> {
            var builder = BedrockRuntimeClient.builder()
                    .region(Region.of(r))
                    .credentialsProvider(credentials)
                    .httpClient(httpClient)
                    .overrideConfiguration(overrides());
            if (endpoint != null) {
                builder.endpointOverride(endpoint);
            }
            return builder.build();
        });
    }

    public BedrockRuntimeAsyncClient async(String region) {
        return asyncClients.computeIfAbsent(region, r -> asyncClient(r, asyncHttpClient));
    }

    /**
     * The async client of a region whose connections live on the given event loop: a stream relayed to an HTTP
     * connection of that loop reads each event and writes it on one thread, with no hand-over between loops.
     * Any client of the region when the loop is not one of the gateway's.
     */
    public BedrockRuntimeAsyncClient async(String region, EventLoop loop) {
        LoopClients onLoop = loops.get(loop);
        return onLoop == null ? async(region)
                : onLoop.clients().computeIfAbsent(region, r -> asyncClient(r, onLoop.httpClient()));
    }

    private BedrockRuntimeAsyncClient asyncClient(String region, SdkAsyncHttpClient httpClient) {
        var builder = BedrockRuntimeAsyncClient.builder()
                .region(Region.of(region))
                .credentialsProvider(credentials)
                .httpClient(httpClient)
                .overrideConfiguration(overrides())
                .asyncConfiguration(async -> async.advancedOption(
                        SdkAdvancedAsyncClientOption.FUTURE_COMPLETION_EXECUTOR, callCompletions));
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    private ClientOverrideConfiguration overrides() {
        return ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.doNotRetry())
                .apiCallTimeout(timeout)
                .scheduledExecutorService(callTimeouts)
                .build();
    }

    @Override
    public void close() {
        syncClients.values().forEach(BedrockRuntimeClient::close);
        asyncClients.values().forEach(BedrockRuntimeAsyncClient::close);
        httpClient.close();
        asyncHttpClient.close();
        for (LoopClients onLoop : loops.values()) {
            onLoop.clients().values().forEach(BedrockRuntimeAsyncClient::close);
            onLoop.httpClient().close();
            onLoop.group().shutdownGracefully(0, 0, TimeUnit.SECONDS);
        }
        callTimeouts.shutdown();
        callCompletions.shutdown();
    }
}
