package dev.llmgateway.keys;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.llmgateway.chat.Json;
import dev.llmgateway.config.GatewaySettings;
import dev.llmgateway.store.Database;
import dev.llmgateway.store.DatabaseInUseException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;

/**
 * How the jar's command-line tools ({@code keys}, {@code usage}) reach the gateway's data: straight in the database
 * when this process can open it, else, when a running gateway holds the embedded database file (H2 lets one process
 * at a time open it, and it has no network listener), through that gateway's HTTP API on this machine, with the
 * admin token and port of the same settings the command loaded.
 */
public final class RunningGateway {

    /** The command cannot reach the data; the message says why and what to do. */
    public static final class Unreachable extends RuntimeException {
        Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** @param body the answer's JSON, {@link MissingNode} when it had none or was not JSON */
    public record Response(int status, JsonNode body) {

        public boolean ok() {
            return status / 100 == 2;
        }
    }

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(120);
    /** Dollar amounts come back exactly as the gateway wrote them (no binary floating point, same scale). */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private final URI base;
    private final String adminToken;
    private final Path dataDir;
    private final HttpClient http;

    private RunningGateway(URI base, String adminToken, Path dataDir) {
        this.base = base;
        this.adminToken = adminToken;
        this.dataDir = dataDir;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT)
                .build();
    }

    /**
     * @param direct     what to do with the database, when this process can open it
     * @param viaGateway what to do through the running gateway, when it holds the embedded database
     */
    public static <T> T withDatabaseOrGateway(GatewaySettings settings, Function<Database, T> direct,
                                              Function<RunningGateway, T> viaGateway) {
        Database database;
        try {
            database = Database.openUnlessInUse(settings.storage());
        } catch (DatabaseInUseException inUse) {
            return viaGateway.apply(reach(settings, inUse));
        }
        try (database) {
            return direct.apply(database);
        }
    }

    static RunningGateway reach(GatewaySettings settings, DatabaseInUseException inUse) {
        if (!settings.auth().adminEnabled()) {
            throw new Unreachable(inUseBy(inUse.dataDir(), "a running gateway") + ", and it is reached through its "
                    + "admin API, which needs the admin token, but none is configured. Set auth.adminToken (or "
                    + "LLMGW_AUTH_ADMINTOKEN) to the running gateway's admin token, or stop the gateway, then run "
                    + "this command again.", inUse);
        }
        URI base = URI.create("http://" + loopback(settings.server().host()) + ":" + settings.server().port());
        return new RunningGateway(base, settings.auth().adminToken(), inUse.dataDir());
    }

    /** The address the API listens on, as seen from this machine: a wildcard address is the loopback one. */
    static String loopback(String host) {
        if (host == null || host.isBlank() || host.equals("0.0.0.0")) {
            return "127.0.0.1";
        }
        if (host.equals("::") || host.equals("[::]") || host.equals("::0")) {
            return "[::1]";
        }
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    public Response get(String pathAndQuery) {
        return send(request(pathAndQuery).GET());
    }

    public Response post(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json(body))));
    }

    private static byte[] json(Object body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write the request as JSON", e);
        }
    }

    public Response patch(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(json(body))));
    }

    public Response delete(String path) {
        return send(request(path).DELETE());
    }

    /** @return the answer's body, when it is a success; else the failure, explained */
    public JsonNode ok(Response response) {
        if (response.ok()) {
            return response.body();
        }
        throw failure(response);
    }

    /** The gateway refused a request: what it said, and what to do where that is clear. */
    public Unreachable failure(Response response) {
        String message = response.body().at("/error/message").asText("");
        String code = response.body().at("/error/code").asText("");
        String said = message.isEmpty() ? "HTTP " + response.status() : message;
        if (response.status() == 401) {
            return new Unreachable("the gateway at " + base + " did not accept the admin token. Set auth.adminToken "
                    + "(or LLMGW_AUTH_ADMINTOKEN) to the running gateway's admin token, or stop the gateway, then run "
                    + "this command again.", null);
        }
        if ("admin_api_disabled".equals(code)) {
            return new Unreachable("the gateway at " + base + " has no admin token, so its admin API is off. Restart "
                    + "it with auth.adminToken (or LLMGW_AUTH_ADMINTOKEN) set, or stop it, then run this command "
                    + "again.", null);
        }
        return new Unreachable("the gateway at " + base + " answered " + response.status() + ": " + said, null);
    }

    /** @return the text as one query parameter's value or one path segment */
    public static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + adminToken).header("Accept", "application/json");
    }

    private Response send(HttpRequest.Builder request) {
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new Unreachable(inUseBy(dataDir, "another process") + ", and the gateway at " + base
                    + " did not answer in time (" + e.getMessage() + ").", e);
        } catch (IOException e) {
            throw new Unreachable(inUseBy(dataDir, "another process") + ", but no gateway answers at " + base + " ("
                    + reason(e) + "). Run this command with the running gateway's settings (its --config, or "
                    + "LLMGW_SERVER_PORT and LLMGW_AUTH_ADMINTOKEN), or stop the process that holds the file, then "
                    + "run it again.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable("interrupted while waiting for the gateway at " + base, e);
        }
        return new Response(response.statusCode(), parse(response.body()));
    }

    /** @return the JSON, numbers exactly as written; {@link MissingNode} for an empty body or one that is not JSON */
    public static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException notJson) {
            return MissingNode.getInstance();
        }
    }

    /** @return a view made in this process as the admin API would send it (numbers as written: 100, not 1E+2) */
    public static JsonNode asApiJson(Object view) {
        return parse(Json.bytes(view));
    }

    private static String inUseBy(Path dataDir, String holder) {
        return "the embedded database under " + dataDir.toAbsolutePath() + " is in use by " + holder;
    }

    private static String reason(IOException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return "connection refused";
            }
            if (cause.getMessage() != null) {
                return cause.getMessage();
            }
        }
        return e.getClass().getSimpleName();
    }
}
