package dev.llmgateway.keys;

import dev.llmgateway.admin.ApiKeyViews;
import dev.llmgateway.auth.ApiKey;
import dev.llmgateway.auth.ApiKeys;
import dev.llmgateway.auth.Names;
import dev.llmgateway.config.GatewaySettings;
import dev.llmgateway.config.SettingsLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code keys create|list|revoke}: manages API keys straight in the gateway's database (the same storage settings
 * as the gateway), so with PostgreSQL, or with no gateway running, an operator needs no admin token on the machine
 * itself. While a running gateway holds the embedded database, the command goes through that gateway's admin API
 * instead ({@link RunningGateway}: the admin token and port of the same settings), with the same output.
 */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Create, list and revoke API keys.",
        subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Revoke.class})
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

    <T> T withKeys(Function<KeyStore, T> action) {
        GatewaySettings settings = new SettingsLoader().load(config, environment);
        return RunningGateway.withDatabaseOrGateway(settings,
                database -> action.apply(KeyStore.of(new ApiKeys(database.dataSource()))),
                gateway -> action.apply(new AdminApiKeys(gateway)));
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

        @Override
        public Integer call() {
            for (String value : feature == null ? List.of(team) : List.of(team, feature)) {
                if (!Names.valid(value)) {
                    throw new CommandLine.ParameterException(spec.commandLine(),
                            "'" + value + "' is not a valid team or feature name: " + Names.rule());
                }
            }
            ApiKeys.Created created = parent.withKeys(keys -> keys.create(team, name, feature));
            PrintWriter out = spec.commandLine().getOut();
            out.println("Created " + created.key().id() + " for team " + team + ". The key (shown only now):");
            out.println(created.secret());
            return 0;
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
            List<ApiKey> keys = parent.withKeys(store -> store.list(team));
            PrintWriter out = spec.commandLine().getOut();
            out.printf("%-20s %-16s %-20s %-24s %-12s %s%n", "ID", "PREFIX", "TEAM", "NAME", "FEATURE", "STATUS");
            for (ApiKey key : keys) {
                Map<String, Object> view = ApiKeyViews.of(key);
                out.printf("%-20s %-16s %-20s %-24s %-12s %s%n", key.id(), key.prefix(), key.team(), key.name(),
                        view.get("feature") == null ? "-" : view.get("feature"),
                        key.revoked() ? "revoked " + key.revokedAt() : "active");
            }
            return 0;
        }
    }

    @Command(name = "revoke", description = "Revoke a key; it stops working on every instance at once.")
    static final class Revoke implements Callable<Integer> {
        @CommandLine.ParentCommand
        KeysCommand parent;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Parameters(paramLabel = "ID", description = "The key's id (key_...), as `keys list` shows it.")
        String id;

        @Override
        public Integer call() {
            var revoked = parent.withKeys(keys -> keys.revoke(id));
            if (revoked.isEmpty()) {
                spec.commandLine().getErr().println("keys: there is no key with id " + id + "; `keys list` shows them.");
                return 1;
            }
            spec.commandLine().getOut().println("Revoked " + id + " (team " + revoked.get().team() + ").");
            return 0;
        }
    }
}
