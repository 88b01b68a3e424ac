package dev.llmgateway.keys;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.admin.KeyAdmin;
import dev.llmgateway.auth.ApiKeys;
import dev.llmgateway.auth.Names;
import dev.llmgateway.config.GatewaySettings;
import dev.llmgateway.config.SettingsLoader;
import dev.llmgateway.teams.TeamFields;
import dev.llmgateway.teams.TeamStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code keys create|list|update|rotate|revoke}: manages API keys straight in the gateway's database (the same storage
 * settings as the gateway; changes audited as {@code command-line}), so with PostgreSQL, or with no gateway running,
 * an operator needs no admin token on the machine itself. While a running gateway holds the embedded database, the
 * command goes through that gateway's admin API instead ({@link RunningGateway}: the admin token and port of the same
 * settings), with the same output.
 */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "Create, list, change, rotate and revoke API keys.",
        subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Update.class,
                KeysCommand.Rotate.class, KeysCommand.Revoke.class})
public final class KeysCommand {

    @Option(names = "--config", description = "Configuration file merged over the packaged application.yaml.",
            scope = CommandLine.ScopeType.INHERIT)
    Path config;

    private final Map<String, String> environment;

    private KeysCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    public static int run(String[] args, Map<String, String> environment, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new KeysCommand(environment));
        commandLine.setOut(out).setErr(err);
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            err.println("keys: " + e.getMessage());
            return 1;
        });
        return commandLine.execute(args);
    }

    <T> T withKeys(Function<KeyOperations, T> action) {
        GatewaySettings settings = new SettingsLoader().load(config, environment);
        return RunningGateway.withDatabaseOrGateway(settings, environment, database -> {
            TeamStore teams = new TeamStore(database.dataSource());
            KeyAdmin admin = new KeyAdmin(new ApiKeys(database.dataSource()),
                    TeamFields.checkingModels(settings.models().keySet()),
                    team -> teams.find(team).map(TeamStore.StoredTeam::settings), teams);
            return action.apply(KeyOperations.of(admin));
        }, gateway -> action.apply(KeyOperations.of(gateway)));
    }

    /** A key's own rate limits as options, each to the field of the same name in snake_case. */
    static final class RateLimits {
        @Option(names = "--requests-per-minute", description = "The key's own requests per minute "
                + "(instead of limits.perKey).")
        Integer requestsPerMinute;
        @Option(names = "--tokens-per-minute", description = "The key's own tokens per minute "
                + "(instead of limits.perKey).")
        Integer tokensPerMinute;

        void putInto(Map<String, Object> fields) {
            if (requestsPerMinute != null) {
                fields.put(KeyAdmin.REQUESTS_PER_MINUTE, requestsPerMinute);
            }
            if (tokensPerMinute != null) {
                fields.put(KeyAdmin.TOKENS_PER_MINUTE, tokensPerMinute);
            }
        }
    }

    @Command(name = "create", description = "Create a key; it is printed once and cannot be shown again.")
    static final class Create implements Callable<Integer> {
        @CommandLine.ParentCommand
        KeysCommand parent;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--team", required = true, description = "Team the key's calls are attributed to.")
        String team;
        @Option(names = "--name", required = true, description = "What the key is for (a service, a person).")
        String name;
        @Option(names = "--feature", description = "Feature tag for calls that send no X-Feature header.")
        String feature;
        @Option(names = "--models", split = ",", paramLabel = "ALIAS",
                description = "The model aliases the key may call (among its team's), comma-separated.")
        List<String> models;
        @Option(names = "--expires-at", paramLabel = "INSTANT",
                description = "When the key stops working, a UTC instant such as 2027-01-31T00:00:00Z.")
        String expiresAt;
        @CommandLine.Mixin
        RateLimits limits = new RateLimits();

        @Override
        public Integer call() {
            for (String value : feature == null ? List.of(team) : List.of(team, feature)) {
                if (!Names.valid(value)) {
                    throw new CommandLine.ParameterException(spec.commandLine(),
                            "'" + value + "' is not a valid team or feature name: " + Names.rule());
                }
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("team", team);
            body.put("name", name);
            put(body, "feature", feature);
            put(body, "models", models);
            put(body, "expires_at", expiresAt);
            limits.putInto(body);
            JsonNode created = parent.withKeys(keys -> keys.create(body));
            PrintWriter out = spec.commandLine().getOut();
            out.println("Created " + created.path("id").asText() + " for team " + team + ". The key (shown only now):");
            out.println(created.path("key").asText());
            return 0;
        }

        private static void put(Map<String, Object> body, String field, Object value) {
            if (value != null) {
                body.put(field, value);
            }
        }
    }

    @Command(name = "list", description = "List keys (never their secrets).")
    static final class ListKeys implements Callable<Integer> {
        @CommandLine.ParentCommand
        KeysCommand parent;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--team", description = "Only this team's keys.")
        String team;

        @Override
        public Integer call() {
            JsonNode listed = parent.withKeys(keys -> keys.list(team));
            PrintWriter out = spec.commandLine().getOut();
            String row = "%-20s %-16s %-20s %-24s %-12s %-24s %-20s %-6s %-8s %s%n";
            out.printf(row, "ID", "PREFIX", "TEAM", "NAME", "FEATURE", "MODELS", "EXPIRES", "RPM", "TPM", "STATUS");
            for (JsonNode key : listed.path("data")) {
                out.printf(row, key.path("id").asText(), key.path("prefix").asText(), key.path("team").asText(),
                        key.path("name").asText(), text(key, "feature"), models(key.path("models")),
                        text(key, "expires_at"), text(key, KeyAdmin.REQUESTS_PER_MINUTE),
                        text(key, KeyAdmin.TOKENS_PER_MINUTE), key.path("revoked_at").isTextual()
                                ? "revoked " + key.path("revoked_at").asText() : "active");
            }
            return 0;
        }

        private static String text(JsonNode key, String field) {
            JsonNode value = key.path(field);
            return value.isNull() || value.isMissingNode() ? "-" : value.asText();
        }

        static String models(JsonNode models) {
            if (!models.isArray()) {
                return "team's";
            }
            List<String> aliases = new ArrayList<>();
            models.forEach(alias -> aliases.add(alias.asText()));
            return String.join(",", aliases);
        }
    }

    /** A subcommand on one key, named by its id. */
    abstract static class OneKey implements Callable<Integer> {
        @CommandLine.ParentCommand
        KeysCommand parent;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Parameters(paramLabel = "ID", description = "The key's id (key_...), as `keys list` shows it.")
        String id;
    }

    @Command(name = "update", description = "Change a key's models, expiry and own rate limits; --clear one to "
            + "use its team's models, no expiry or limits.perKey again.")
    static final class Update extends OneKey {
        @Option(names = "--models", split = ",", paramLabel = "ALIAS",
                description = "The model aliases the key may call (among its team's), comma-separated.")
        List<String> models;
        @Option(names = "--expires-at", paramLabel = "INSTANT",
                description = "When the key stops working, a UTC instant such as 2027-01-31T00:00:00Z.")
        String expiresAt;
        @CommandLine.Mixin
        RateLimits limits = new RateLimits();
        @Option(names = "--clear", paramLabel = "FIELD",
                description = "models, expires_at, requests_per_minute or tokens_per_minute, to clear; repeatable.")
        List<String> cleared = List.of();

        @Override
        public Integer call() {
            Map<String, Object> changes = new LinkedHashMap<>();
            if (models != null) {
                changes.put(KeyAdmin.MODELS, models);
            }
            if (expiresAt != null) {
                changes.put(KeyAdmin.EXPIRES_AT, expiresAt);
            }
            limits.putInto(changes);
            cleared.forEach(field -> changes.put(field, null));
            if (changes.isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "Give at least one field to change.");
            }
            JsonNode key = parent.withKeys(keys -> keys.update(id, changes));
            spec.commandLine().getOut().println("Updated " + id + " (team " + key.path("team").asText()
                    + "): models " + ListKeys.models(key.path(KeyAdmin.MODELS)) + ", expires "
                    + (key.path(KeyAdmin.EXPIRES_AT).isTextual() ? key.path(KeyAdmin.EXPIRES_AT).asText() : "never")
                    + ", requests per minute " + limit(key, KeyAdmin.REQUESTS_PER_MINUTE) + ", tokens per minute "
                    + limit(key, KeyAdmin.TOKENS_PER_MINUTE) + ".");
            return 0;
        }

        private static String limit(JsonNode key, String field) {
            return key.path(field).isNull() ? "limits.perKey" : key.path(field).asText();
        }
    }

    @Command(name = "rotate", description = "Give a key a new secret, printed once; the old one works for a grace period.")
    static final class Rotate extends OneKey {
        @Option(names = "--grace-period-seconds", paramLabel = "SECONDS",
                description = "How long the old secret keeps working: 0 to 604800 (default 86400, a day).")
        Long graceSeconds;

        @Override
        public Integer call() {
            JsonNode rotated = parent.withKeys(keys -> keys.rotate(id, graceSeconds));
            PrintWriter out = spec.commandLine().getOut();
            out.println("Rotated " + id + " (team " + rotated.path("team").asText() + "); the old secret works until "
                    + rotated.path("previous_secret_valid_until").asText() + ". The new key (shown only now):");
            out.println(rotated.path("key").asText());
            return 0;
        }
    }

    @Command(name = "revoke", description = "Revoke a key; it stops working on every instance at once.")
    static final class Revoke extends OneKey {
        @Override
        public Integer call() {
            var revoked = parent.withKeys(keys -> keys.revoke(id));
            if (revoked.isEmpty()) {
                spec.commandLine().getErr().println("keys: there is no key with id " + id + "; `keys list` shows them.");
                return 1;
            }
            spec.commandLine().getOut().println("Revoked " + id + " (team " + revoked.get().path("team").asText()
                    + ").");
            return 0;
        }
    }
}
