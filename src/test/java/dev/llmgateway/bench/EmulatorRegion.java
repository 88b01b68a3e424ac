package dev.llmgateway.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Sets how a separately running emulator's us-east-1 behaves, through its {@code PUT /_emulator/regions/} endpoint. */
final class EmulatorRegion {

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI uri;

    EmulatorRegion(URI emulator) {
        uri = emulator.resolve("/_emulator/regions/us-east-1");
    }

    void timePerTokenMs(long ms) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"timePerTokenMs\": " + ms + "}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 204) {
            throw new IOException("the emulator refused the region behaviour: " + response.statusCode() + " " + response.body());
        }
    }
}
