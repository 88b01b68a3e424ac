package dev.llmgateway.upstream;

import java.time.Duration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * The HTTP client of the plain (non-streamed) Bedrock calls: the AWS SDK's Apache client, pooled, where the
 * application has it (the gateway does), else the JDK's URL connection, which keeps the library's dependencies few:
 * the Apache client brings four more jars.
 */
final class SyncHttpClients {

    private static final boolean APACHE_PRESENT = present("software.amazon.awssdk.http.apache.ApacheHttpClient");

    private SyncHttpClients() {
    }

    static SdkHttpClient create(int maxConnections, Duration socketTimeout, Duration connectionTimeout) {
        if (APACHE_PRESENT) {
            return ApacheHttpClient.builder()
                    .maxConnections(maxConnections)
                    .socketTimeout(socketTimeout)
                    .connectionTimeout(connectionTimeout)
                    .build();
        }
        return UrlConnectionHttpClient.builder()
                .socketTimeout(socketTimeout)
                .connectionTimeout(connectionTimeout)
                .build();
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, SyncHttpClients.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
