package dev.llmgateway.teams;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.admin.TeamAdmin;
import dev.llmgateway.budget.BudgetStore;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.chat.Json;
import dev.llmgateway.config.GatewaySettings;
import dev.llmgateway.config.SettingsLoader;
import dev.llmgateway.keys.RunningGateway;
import dev.llmgateway.limits.LimitPolicy;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
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
 * {@code teams create|list|show|update|delete}: the admin API's {@code /admin/teams} on the command line, straight in
 * the gateway's database (changes audited as {@code command-line}), or, while a running gateway holds the embedded
 * database, through its admin API. A team is printed as the API shows it (JSON); the list as a table.
 */
@Command(name = "teams", mixinStandardHelpOptions = true, description = "Create, list, show, update and delete teams.",
        subcommands = {TeamsCommand.Create.class, TeamsCommand.ListTeams.class, TeamsCommand.Show.class,
                TeamsCommand.Update.class, TeamsCommand.Delete.class})
public final class TeamsCommand {

    /** How long a budget reservation of the command would last: it makes none, so any positive value does. */
    private static final Duration NO_RESERVATIONS = Duration.ofMinutes(1);

    @Option(names = "--config", description = "Configuration file merged over the packaged application.yaml.",
            scope = CommandLine.ScopeType.INHERIT)
    Path config;

    private final Map<String, String> environment;

    private TeamsCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    public static int run(String[] args, Map<String, String> environment, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new TeamsCommand(environment));
        commandLine.setOut(out).setErr(err);
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            err.println("teams: " + e.getMessage());
            return 1;
        });
        return commandLine.execute(args);
    }

    JsonNode withTeams(Function<TeamOperations, JsonNode> action) {
        GatewaySettings settings = new SettingsLoader().load(config, environment);
        return RunningGateway.withDatabaseOrGateway(settings, environment, database -> {
            TeamStore store = new TeamStore(database.dataSource());
            LimitPolicy limits = new LimitPolicy(settings.limits(),
                    team -> store.find(team).map(stored -> stored.settings().limits()).orElse(null));
            TeamAdmin admin = new TeamAdmin(store, () -> { }, TeamFields.checkingModels(settings.models().keySet()),
                    limits::team, new BudgetStore(database.dataSource(), Clock.systemUTC(), NO_RESERVATIONS));
            return action.apply(TeamOperations.of(admin));
        }, gateway -> action.apply(TeamOperations.of(gateway)));
    }

    static void print(PrintWriter out, JsonNode team) {
        try {
            out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(team));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot print the team", e);
        }
    }

    /** The team's settings as options, each to the field of the same name in snake_case. */
    static final class Settings {
        @Option(names = "--requests-per-minute", description = "Requests per minute across the team's keys.")
        Integer requestsPerMinute;
        @Option(names = "--tokens-per-minute", description = "Tokens per minute (prompt estimate plus max_tokens).")
        Integer tokensPerMinute;
        @Option(names = "--concurrent-requests", description = "Calls in flight at once.")
        Integer concurrentRequests;
        @Option(names = "--monthly-budget-usd", description = "Dollars per calendar month (UTC).")
        BigDecimal monthlyBudgetUsd;
        @Option(names = "--feature-budget", paramLabel = "FEATURE=USD",
                description = "A feature's monthly budget; repeat for more (replaces all the team's feature budgets).")
        Map<String, BigDecimal> featureBudgets;
        @Option(names = "--models", split = ",", paramLabel = "ALIAS",
                description = "The model aliases the team may call, comma-separated.")
        List<String> models;
        @Option(names = "--injection-policy", description = "flag, sanitize or block.")
        String injectionPolicy;
        @Option(names = "--untrusted-policy",
                description = "flag, sanitize or block: for tool results, documents and files carrying instructions.")
        String untrustedPolicy;
        @Option(names = "--pii-redact-upstream", arity = "1", description = "true or false.")
        Boolean piiRedactUpstream;
        @Option(names = "--max-prompt-tokens", description = "Largest prompt of one call.")
        Integer maxPromptTokens;
        @Option(names = "--max-output-tokens", description = "Most output tokens of one call.")
        Integer maxOutputTokens;
        @Option(names = "--alert-thresholds", split = ",", paramLabel = "PERCENT",
                description = "Budget alert thresholds in percent, comma-separated.")
        List<Integer> alertThresholds;

        /** @return the fields given, by their API names */
        Map<String, Object> given() {
            Map<String, Object> fields = new LinkedHashMap<>();
            put(fields, TeamFields.REQUESTS_PER_MINUTE, requestsPerMinute);
            put(fields, TeamFields.TOKENS_PER_MINUTE, tokensPerMinute);
            put(fields, TeamFields.CONCURRENT_REQUESTS, concurrentRequests);
            put(fields, TeamFields.MONTHLY_BUDGET_USD, monthlyBudgetUsd);
            put(fields, TeamFields.FEATURE_BUDGETS_USD, featureBudgets);
            put(fields, TeamFields.MODELS, models);
            put(fields, TeamFields.INJECTION_POLICY, injectionPolicy);
            put(fields, TeamFields.UNTRUSTED_POLICY, untrustedPolicy);
            put(fields, TeamFields.PII_REDACT_UPSTREAM, piiRedactUpstream);
            put(fields, TeamFields.MAX_PROMPT_TOKENS, maxPromptTokens);
            put(fields, TeamFields.MAX_OUTPUT_TOKENS, maxOutputTokens);
            put(fields, TeamFields.BUDGET_ALERT_THRESHOLDS_PERCENT, alertThresholds);
            return fields;
        }

        private static void put(Map<String, Object> fields, String name, Object value) {
            if (value != null) {
                fields.put(name, value);
            }
        }
    }

    @Command(name = "create", description = "Create a team; every setting left out takes the configured default.")
    static final class Create implements Callable<Integer> {
        @CommandLine.ParentCommand
        TeamsCommand parent;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Parameters(paramLabel = "TEAM", description = "The team's name.")
        String team;
        @CommandLine.Mixin
        Settings settings = new Settings();

        @Override
        public Integer call() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put(TeamFields.TEAM, team);
            body.putAll(settings.given());
            print(spec.commandLine().getOut(), parent.withTeams(teams -> teams.create(body)));
            return 0;
        }
    }

    @Command(name = "list", description = "List the teams.")
    static final class ListTeams implements Callable<Integer> {
        @CommandLine.ParentCommand
        TeamsCommand parent;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            JsonNode listed = parent.withTeams(TeamOperations::list);
            PrintWriter out = spec.commandLine().getOut();
            String row = "%-24s %-10s %-12s %-10s %-12s %s%n";
            out.printf(row, "TEAM", "RPM", "TPM", "IN FLIGHT", "BUDGET USD", "MODELS");
            for (JsonNode team : listed.path("data")) {
                out.printf(row, team.path(TeamFields.TEAM).asText(), text(team, TeamFields.REQUESTS_PER_MINUTE),
                        text(team, TeamFields.TOKENS_PER_MINUTE), text(team, TeamFields.CONCURRENT_REQUESTS),
                        text(team, TeamFields.MONTHLY_BUDGET_USD), models(team.path(TeamFields.MODELS)));
            }
            return 0;
        }

        private static String text(JsonNode team, String field) {
            JsonNode value = team.path(field);
            return value.isNull() || value.isMissingNode() ? "-" : value.asText();
        }

        private static String models(JsonNode models) {
            if (!models.isArray()) {
                return "all";
            }
            List<String> aliases = new ArrayList<>();
            models.forEach(alias -> aliases.add(alias.asText()));
            return String.join(",", aliases);
        }
    }

    /** A subcommand on one named team, printing the team the operation answers. */
    abstract static class OneTeam implements Callable<Integer> {
        @CommandLine.ParentCommand
        TeamsCommand parent;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Parameters(paramLabel = "TEAM", description = "The team's name.")
        String team;

        abstract JsonNode on(TeamOperations teams, String team);

        @Override
        public Integer call() {
            print(spec.commandLine().getOut(), parent.withTeams(teams -> on(teams, team)));
            return 0;
        }
    }

    @Command(name = "show", description = "Show a team and this month's spend against its budgets.")
    static final class Show extends OneTeam {
        @Override
        JsonNode on(TeamOperations teams, String team) {
            return teams.show(team);
        }
    }

    @Command(name = "update", description = "Change the settings given; --clear a setting to take the default again.")
    static final class Update implements Callable<Integer> {
        @CommandLine.ParentCommand
        TeamsCommand parent;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Parameters(paramLabel = "TEAM", description = "The team's name.")
        String team;
        @CommandLine.Mixin
        Settings settings = new Settings();
        @Option(names = "--clear", paramLabel = "FIELD",
                description = "A setting to clear, by its API name (requests_per_minute, models, ...); repeatable.")
        List<String> cleared = List.of();

        @Override
        public Integer call() {
            Map<String, Object> changes = settings.given();
            cleared.forEach(field -> changes.put(field, null));
            if (changes.isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "Give at least one setting to change.");
            }
            print(spec.commandLine().getOut(), parent.withTeams(teams -> teams.update(team, changes)));
            return 0;
        }
    }

    @Command(name = "delete", description = "Delete a team and revoke its keys, on every instance.")
    static final class Delete extends OneTeam {
        @Override
        JsonNode on(TeamOperations teams, String team) {
            return teams.delete(team);
        }
    }
}
