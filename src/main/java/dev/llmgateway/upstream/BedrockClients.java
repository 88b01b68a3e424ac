package dev.llmgateway.upstream;

import io.netty.channel.EventLoopGroup;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

/**
 * One Bedrock Runtime client per region (sync for plain calls, async for streams), sharing one HTTP
 * connection pool of each kind. The SDK's own retries are off: the gateway decides what to retry and where,
 * so the two never multiply.
 */
public final class BedrockClients implements AutoCloseable {

    private static final int MAX_CONNECTIONS = 1024;

    private final URI endpoint;
    private final AwsCredentialsProvider credentials;
    private final Duration timeout;
    private final SdkHttpClient httpClient;
    private final SdkAsyncHttpClient asyncHttpClient;
    private final Map<String, BedrockRuntimeClient> syncClients = new ConcurrentHashMap<>();
    private final Map<String, BedrockRuntimeAsyncClient> asyncClients = new ConcurrentHashMap<>();

    /** Clients whose streams run on the SDK's own event loop threads. */
    public BedrockClients(URI endpoint, AwsCredentialsProvider credentials, Duration timeout) {
        this(endpoint, credentials, timeout, null);
    }

    /**
     * @param endpoint    endpoint override (an emulator, a VPC endpoint), or null for AWS's regional endpoints
     * @param credentials how requests are signed
     * @param timeout     the longest one call may take
     * @param eventLoops  the event loops streams run on (the gateway's HTTP server's, so that relaying a token to
     *                    the client needs no other thread), or null for the SDK's own; the caller closes them
     */
    public BedrockClients(URI endpoint, AwsCredentialsProvider credentials, Duration timeout, EventLoopGroup eventLoops) {
        this.endpoint = endpoint;
        this.credentials = credentials;
        this.timeout = timeout;
        this.httpClient = ApacheHttpClient.builder()
                .maxConnections(MAX_CONNECTIONS)
                .socketTimeout(timeout)
                .connectionTimeout(Duration.ofSeconds(5))
                .build();
        NettyNioAsyncHttpClient.Builder asyncBuilder = NettyNioAsyncHttpClient.builder()
                .protocol(Protocol.HTTP1_1)
                .maxConcurrency(MAX_CONNECTIONS)
                .readTimeout(timeout)
                .connectionTimeout(Duration.ofSeconds(5));
        if (eventLoops != null) {
            asyncBuilder.eventLoopGroup(SdkEventLoopGroup.create(eventLoops));
        }
        this.asyncHttpClient = asyncBuilder.build();
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
        return asyncClients.computeIfAbsent(region, r -> {
            var builder = BedrockRuntimeAsyncClient.builder()
                    .region(Region.of(r))
                    .credentialsProvider(credentials)
                    .httpClient(asyncHttpClient)
                    .overrideConfiguration(overrides());
            if (endpoint != null) {
                builder.endpointOverride(endpoint);
            }
            return builder.build();
        });
    }

    private ClientOverrideConfiguration overrides() {
        return ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.doNotRetry())
                .apiCallTimeout(timeout)
                .build();
    }

    @Override
    public void close() {
        syncClients.values().forEach(BedrockRuntimeClient::close);
        asyncClients.values().forEach(BedrockRuntimeAsyncClient::close);
        httpClient.close();
        asyncHttpClient.close();
    }
}
