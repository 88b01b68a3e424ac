package dev.llmgateway.http;

import java.util.List;

/**
 * Which image addresses the gateway may fetch. Every field may be left out; nulls take the defaults.
 *
 * @param remoteImageUrls address prefixes (absolute http(s) URLs ending in "/") an image link must start with to be
 *                        fetched; default none, so every link is refused
 * @param fetchTimeoutMs  the longest a fetch may take, connection included; default 5,000
 */
public record RemoteImagesSettings(List<String> remoteImageUrls, Integer fetchTimeoutMs) {

    public RemoteImagesSettings {
        remoteImageUrls = remoteImageUrls == null ? List.of() : List.copyOf(remoteImageUrls);
        fetchTimeoutMs = fetchTimeoutMs == null ? 5_000 : fetchTimeoutMs;
    }

    public static RemoteImagesSettings defaults() {
        return new RemoteImagesSettings(null, null);
    }
}
