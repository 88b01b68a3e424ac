package dev.llmgateway.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.admin.AuditQuery;
import dev.llmgateway.chat.Json;
import dev.llmgateway.config.GatewaySettings;
import dev.llmgateway.config.SettingsLoader;
import dev.llmgateway.keys.RunningGateway;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code audit [--team T] [--from D] [--to D] [--limit N] [--format table|json]}: the audit trail of admin changes, as
 * {@code GET /admin/audit} lists it (the same filters and refusals), straight from the gateway's database or, while a
 * running gateway holds the embedded database, through its admin API. The table names the fields each change changed.
 */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "List the admin changes, newest first.")
public final class AuditCommand implements Callable<Integer> {

    enum Format { table, json }

    @Option(names = "--config", description = "Configuration file merged over the packaged application.yaml.")
    Path config;
    @Option(names = "--team", description = "Only this team's changes.")
    String team;
    @Option(names = "--from", description = "From this UTC date (2026-12-01) or instant (2026-12-01T09:30:00Z).")
    String from;
    @Option(names = "--to", description = "Before this UTC date or instant (not included).")
    String to;
    @Option(names = "--limit", description = "At most this many, 1 to 1000 (default 100).")
    String limit;
    @Option(names = "--format", description = "table (default) or json (the API's answer, before and after whole).")
    Format format = Format.table;
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Map<String, String> environment;

    private AuditCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    public static int run(String[] args, Map<String, String> environment, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new AuditCommand(environment));
        commandLine.setOut(out).setErr(err);
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            err.println("audit: " + e.getMessage());
            return 1;
        });
        return commandLine.execute(args);
    }

    @Override
    public Integer call() throws JsonProcessingException {
        Map<String, String> parameters = new LinkedHashMap<>();
        put(parameters, "team", team);
        put(parameters, "from", from);
        put(parameters, "to", to);
        put(parameters, "limit", limit);
        GatewaySettings settings = new SettingsLoader().load(config, environment);
        JsonNode listed = RunningGateway.withDatabaseOrGateway(settings, environment,
                database -> RunningGateway.asApiJson(
                        AuditQuery.of(parameters).answer(new AuditTrail(database.dataSource()))),
                gateway -> gateway.ok(gateway.get("/admin/audit" + query(parameters))));
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.json) {
            out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(listed));
            return 0;
        }
        String row = "%-24s %-16s %-12s %-20s %-24s %s%n";
        out.printf(row, "CHANGED AT", "ACTOR", "ACTION", "TEAM", "TARGET", "CHANGED");
        for (JsonNode entry : listed.path("data")) {
            out.printf(row, entry.path("changed_at").asText(), entry.path("actor").asText(),
                    entry.path("action").asText(), entry.path("team").asText("-"), entry.path("target").asText(),
                    changed(entry.path("before"), entry.path("after")));
        }
        return 0;
    }

    private static void put(Map<String, String> parameters, String name, String value) {
        if (value != null) {
            parameters.put(name, value);
        }
    }

    private static String query(Map<String, String> parameters) {
        return parameters.isEmpty() ? "" : parameters.entrySet().stream()
                .map(p -> p.getKey() + "=" + RunningGateway.encode(p.getValue()))
                .collect(Collectors.joining("&", "?", ""));
    }

    /** @return the fields whose value the change set or changed, as "field: before -> after" */
    static String changed(JsonNode before, JsonNode after) {
        if (!before.isObject()) {
            return "(created)";
        }
        if (!after.isObject()) {
            return "(deleted)";
        }
        List<String> changes = new ArrayList<>();
        for (Iterator<String> names = after.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            JsonNode was = before.path(name);
            JsonNode is = after.path(name);
            if (!Objects.equals(was, is)) {
                changes.add(name + ": " + shown(was) + " -> " + shown(is));
            }
        }
        return String.join("; ", changes);
    }

    private static String shown(JsonNode value) {
        return value.isMissingNode() ? "null" : value.toString();
    }
}
