package dev.llmgateway.report;

import dev.llmgateway.config.GatewaySettings;
import dev.llmgateway.config.SettingsLoader;
import dev.llmgateway.keys.RunningGateway;
import dev.llmgateway.usage.InvalidUsageQuery;
import dev.llmgateway.usage.UsageCsv;
import dev.llmgateway.usage.UsageJson;
import dev.llmgateway.usage.UsageQuery;
import dev.llmgateway.usage.UsageQueryParser;
import dev.llmgateway.usage.UsageReport;
import dev.llmgateway.usage.UsageStore;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code usage}: a usage report from the cost ledger, read straight from the gateway's database (the same storage
 * settings as the gateway), as a table, CSV or JSON (the usage API's formats). While a running gateway holds the
 * embedded database, the report comes from that gateway's usage API instead ({@link RunningGateway}: the admin token
 * and port of the same settings), printed the same way.
 */
@Command(name = "usage", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Print cost and usage from the cost ledger, in total or grouped.")
public final class UsageCommand implements Callable<Integer> {

    enum Format { TABLE, CSV, JSON }

    @Option(names = "--from", paramLabel = "DATE",
            description = "First UTC day (2026-11-01) or instant counted. Default: 30 days before --to.")
    String from;
    @Option(names = "--to", paramLabel = "DATE",
            description = "End of the period, not counted: a UTC day or instant. Default: the end of today (UTC).")
    String to;
    @Option(names = "--group-by", paramLabel = "LIST", description = "Comma-separated: team, feature, model, region, day.")
    String groupBy;
    @Option(names = "--team", description = "Only this team's calls.")
    String team;
    @Option(names = "--feature", description = "Only calls for this feature.")
    String feature;
    @Option(names = "--format", defaultValue = "table", description = "table (default), csv or json.")
    Format format;
    @Option(names = "--config", paramLabel = "FILE", description = "Configuration file merged over the packaged "
            + "application.yaml.")
    Path config;
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Map<String, String> environment;
    private final Clock clock;

    private UsageCommand(Map<String, String> environment, Clock clock) {
        this.environment = environment;
        this.clock = clock;
    }

    public static int run(String[] args, Map<String, String> environment, Clock clock, PrintWriter out,
                          PrintWriter err) {
        CommandLine commandLine = new CommandLine(new UsageCommand(environment, clock));
        commandLine.setCaseInsensitiveEnumValuesAllowed(true).setOut(out).setErr(err);
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            err.println("usage: " + e.getMessage());
            return 1;
        });
        return commandLine.execute(args);
    }

    @Override
    public Integer call() {
        UsageQuery query = query();
        GatewaySettings settings = new SettingsLoader().load(config, environment);
        UsageReport report = RunningGateway.withDatabaseOrGateway(settings, environment,
                database -> new UsageStore(database.dataSource()).report(query),
                gateway -> UsageOverHttp.report(gateway, query));
        PrintWriter out = spec.commandLine().getOut();
        switch (format) {
            case TABLE -> out.print(UsageTable.of(report));
            case CSV -> out.print(UsageCsv.of(report));
            case JSON -> out.println(new String(UsageJson.bytes(report), StandardCharsets.UTF_8));
        }
        out.flush();
        return 0;
    }

    private UsageQuery query() {
        Map<String, String> parameters = new HashMap<>();
        parameters.put("from", from);
        parameters.put("to", to);
        parameters.put("group_by", groupBy);
        parameters.put("team", team);
        parameters.put("feature", feature);
        try {
            return UsageQueryParser.parse(parameters, clock.instant());
        } catch (InvalidUsageQuery e) {
            throw new CommandLine.ParameterException(spec.commandLine(), asOptions(e.getMessage()));
        }
    }

    /** The parser names parameters as the API does ('group_by'); here they are options (--group-by). */
    private static String asOptions(String message) {
        String text = message;
        for (String name : new String[] {"from", "to", "group_by", "team", "feature"}) {
            text = text.replace("'" + name + "'", "--" + name.replace('_', '-'));
        }
        return text;
    }
}
