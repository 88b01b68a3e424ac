package dev.llmgateway.keys;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.llmgateway.auth.ApiKeySecrets;
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
import java.util.Map;
import java.util.function.Function;

/**
 * How the jar's command-line tools ({@code keys}, {@code usage}) reach the gateway's data: straight in the database
 * when this process can open it, else, when a running gateway holds the embedded database file (H2 lets one process
 * at a time open it, and it has no network listener), through that gateway's HTTP API on this machine, on the port
 * of the same settings the command loaded, with the admin credential of {@value #CREDENTIAL_VARIABLE} (the admin
 * token or a named admin's, so that the audit trail names who) or else the settings' {@code auth.adminToken}.
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

    /** The environment variable holding the admin credential the commands send; it is not a setting. */
    public static final String CREDENTIAL_VARIABLE = "LLMGW_ADMIN_CREDENTIAL";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(120);
    /** Dollar amounts come back exactly as the gateway wrote them (no binary floating point, same scale). */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private final URI base;
    private final String credential;
    /** Where the credential came from, as the messages name it. */
    private final String credentialSource;
    private final Path dataDir;
    private final HttpClient http;

    private RunningGateway(URI base, String credential, String credentialSource, Path dataDir) {
        this.base = base;
        this.credential = credential;
        this.credentialSource = credentialSource;
        this.dataDir = dataDir;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT)
                .build();
    }

    /**
     * @param environment the command's environment variables ({@value #CREDENTIAL_VARIABLE})
     * @param direct      what to do with the database, when this process can open it
     * @param viaGateway  what to do through the running gateway, when it holds the embedded database
     */
    public static <T> T withDatabaseOrGateway(GatewaySettings settings, Map<String, String> environment,
                                              Function<Database, T> direct, Function<RunningGateway, T> viaGateway) {
        Database database;
        try {
            database = Database.openUnlessInUse(settings.storage());
        } catch (DatabaseInUseException inUse) {
            return viaGateway.apply(reach(settings, environment.get(CREDENTIAL_VARIABLE), inUse));
        }
        try (database) {
            return direct.apply(database);
        }
    }

    /** @param credential the value of {@value #CREDENTIAL_VARIABLE}, or null */
    static RunningGateway reach(GatewaySettings settings, String credential, DatabaseInUseException inUse) {
        URI base = URI.create("http://" + loopback(settings.server().host()) + ":" + settings.server().port());
        if (credential != null && !credential.isBlank()) {
            return new RunningGateway(base, credential.strip(), CREDENTIAL_VARIABLE, inUse.dataDir());
        }
        String adminToken = settings.auth().adminToken();
        if (!adminToken.isBlank() && !ApiKeySecrets.isHashed(adminToken)) {
            return new RunningGateway(base, adminToken, "auth.adminToken", inUse.dataDir());
        }
        String why = adminToken.isBlank() ? "no admin token is configured"
                : "auth.adminToken is configured as its hash, which cannot be sent";
        throw new Unreachable(inUseBy(inUse.dataDir(), "a running gateway") + ", and it is reached through its "
                + "admin API, which needs an admin credential, but " + why + ". Set " + CREDENTIAL_VARIABLE
                + " to your admin credential (the admin token or your named one, auth.admins), or auth.adminToken "
                + "(LLMGW_AUTH_ADMINTOKEN) to the running gateway's admin token, or stop the gateway, then run this "
                + "command again.", inUse);
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
            return new Unreachable("the gateway at " + base + " did not accept the admin credential of "
                    + credentialSource + ". Set " + CREDENTIAL_VARIABLE + " to your admin credential (the admin token "
                    + "or your named one), or auth.adminToken (or LLMGW_AUTH_ADMINTOKEN) to the running gateway's "
                    + "admin token, or stop the gateway, then run this command again.", null);
        }
        if ("admin_api_disabled".equals(code)) {
            return new Unreachable("the gateway at " + base + " has no admin credential, so its admin API is off. "
                    + "Restart it with auth.adminToken (or LLMGW_AUTH_ADMINTOKEN) or auth.admins set, or stop it, then "
                    + "run this command again.", null);
        }
        return new Unreachable("the gateway at " + base + " answered " + response.status() + ": " + said, null);
    }

    /** @return the text as one query parameter's value or one path segment */
    public static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + credential).header("Accept", "application/json");
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
                    + "LLMGW_SERVER_PORT) and an admin credential, or stop the process that holds the file, then "
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
