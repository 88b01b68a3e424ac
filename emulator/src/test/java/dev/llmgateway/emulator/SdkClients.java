package dev.llmgateway.emulator;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

/** Real AWS SDK clients pointed at an emulator, with dummy credentials and no retries. */
final class SdkClients {
    static final String CLAUDE = "anthropic.claude-3-5-sonnet-20240620-v1:0";
    static final String TITAN_V1 = "amazon.titan-embed-text-v1";
    static final String TITAN_V2 = "amazon.titan-embed-text-v2:0";
    static final String COHERE = "cohere.embed-multilingual-v3";
    /** What a raw HTTP client sends so that the emulator, which does not check signatures, takes the request as signed. */
    static final String SIGV4_AUTHORIZATION = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/bedrock/aws4_request, "
            + "SignedHeaders=host;x-amz-date, Signature=0";
    private static final StaticCredentialsProvider DUMMY =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));

    private SdkClients() {
    }

    static BedrockRuntimeClient sync(BedrockEmulator emulator, String region) {
        return sync(emulator.endpoint(), region);
    }

    static BedrockRuntimeClient sync(URI endpoint, String region) {
        return BedrockRuntimeClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(DUMMY)
                .httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()).apiCallTimeout(Duration.ofSeconds(20)))
                .build();
    }

    static BedrockRuntimeAsyncClient async(BedrockEmulator emulator, String region) {
        return async(emulator, region, Protocol.HTTP1_1);
    }

    /** The async client as the SDK builds it by default: it then speaks HTTP/2 (h2c with prior knowledge over http://). */
    static BedrockRuntimeAsyncClient asyncWithDefaultProtocol(BedrockEmulator emulator, String region) {
        return asyncWith(emulator, region, NettyNioAsyncHttpClient.builder());
    }

    static BedrockRuntimeAsyncClient async(BedrockEmulator emulator, String region, Protocol protocol) {
        return asyncWith(emulator, region, NettyNioAsyncHttpClient.builder().protocol(protocol).maxConcurrency(200));
    }

    private static BedrockRuntimeAsyncClient asyncWith(BedrockEmulator emulator, String region, NettyNioAsyncHttpClient.Builder http) {
        return BedrockRuntimeAsyncClient.builder()
                .endpointOverride(emulator.endpoint())
                .region(Region.of(region))
                .credentialsProvider(DUMMY)
                .httpClientBuilder(http)
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()).apiCallTimeout(Duration.ofSeconds(20)))
                .build();
    }
}
