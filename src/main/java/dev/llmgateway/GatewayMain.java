package dev.llmgateway;

import dev.llmgateway.audit.AuditCommand;
import dev.llmgateway.config.GatewaySettings;
import dev.llmgateway.config.SettingsException;
import dev.llmgateway.config.SettingsLoader;
import dev.llmgateway.emulator.EmulatorCommand;
import dev.llmgateway.keys.KeysCommand;
import dev.llmgateway.report.UsageCommand;
import dev.llmgateway.teams.TeamsCommand;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;

/**
 * The jar's entry point.
 * <pre>
 *   java -jar camel-llm-gateway.jar [--config FILE]     run the gateway
 *   java -jar camel-llm-gateway.jar emulator --port N   run the Bedrock emulator on its own
 *   java -jar camel-llm-gateway.jar keys ...            create, list, update, rotate and revoke API keys
 *   java -jar camel-llm-gateway.jar teams ...           create, list, show, update and delete teams
 *   java -jar camel-llm-gateway.jar audit ...           the audit trail of admin changes
 *   java -jar camel-llm-gateway.jar usage ...           a usage report from the cost ledger
 * </pre>
 */
public final class GatewayMain {

    private static final String USAGE = """
            usage: java -jar camel-llm-gateway.jar [--config FILE]
                   java -jar camel-llm-gateway.jar emulator --port N [--region-config FILE]
                   java -jar camel-llm-gateway.jar keys create|list|update|rotate|revoke [--config FILE] ...
                   java -jar camel-llm-gateway.jar teams create|list|show|update|delete [--config FILE] ...
                   java -jar camel-llm-gateway.jar audit [--team T] [--from D] [--to D] [--limit N] [--format table|json]
                   java -jar camel-llm-gateway.jar usage [--from D] [--to D] [--group-by team,feature,model,region,day]
                                                         [--team T] [--feature F] [--format table|csv|json] [--config FILE]
            """;

    private GatewayMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && "emulator".equals(args[0])) {
            int status = EmulatorCommand.run(Arrays.copyOfRange(args, 1, args.length));
            if (status != 0) {
                System.exit(status);
            }
            return;
        }
        if (args.length > 0 && "keys".equals(args[0])) {
            PrintWriter out = new PrintWriter(System.out, true);
            PrintWriter err = new PrintWriter(System.err, true);
            System.exit(KeysCommand.run(Arrays.copyOfRange(args, 1, args.length), System.getenv(), out, err));
        }
        if (args.length > 0 && "teams".equals(args[0])) {
            PrintWriter out = new PrintWriter(System.out, true);
            PrintWriter err = new PrintWriter(System.err, true);
            System.exit(TeamsCommand.run(Arrays.copyOfRange(args, 1, args.length), System.getenv(), out, err));
        }
        if (args.length > 0 && "audit".equals(args[0])) {
            PrintWriter out = new PrintWriter(System.out, true);
            PrintWriter err = new PrintWriter(System.err, true);
            System.exit(AuditCommand.run(Arrays.copyOfRange(args, 1, args.length), System.getenv(), out, err));
        }
        if (args.length > 0 && "usage".equals(args[0])) {
            PrintWriter out = new PrintWriter(System.out, true);
            PrintWriter err = new PrintWriter(System.err, true);
            System.exit(UsageCommand.run(Arrays.copyOfRange(args, 1, args.length), System.getenv(), Clock.systemUTC(),
                    out, err));
        }
        Path configFile = configFile(args);
        GatewaySettings settings;
        try {
            settings = new SettingsLoader().load(configFile, System.getenv());
        } catch (SettingsException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        GatewayApplication.start(settings).awaitShutdown();
    }

    private static Path configFile(String[] args) {
        if (args.length == 2 && "--config".equals(args[0])) {
            return Path.of(args[1]);
        }
        if (args.length != 0) {
            System.err.print(USAGE);
            System.exit(2);
        }
        String fromEnvironment = System.getenv("LLMGW_CONFIG");
        return fromEnvironment == null || fromEnvironment.isBlank() ? null : Path.of(fromEnvironment);
    }
}
