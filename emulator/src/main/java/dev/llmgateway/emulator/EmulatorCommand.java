package dev.llmgateway.emulator;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code emulator --port N [--region-config FILE.json] [--guardrail-config FILE.json]}: runs the Bedrock emulator
 * until the process is killed. The region config file maps region names to {@link RegionBehaviour} JSON, e.g.
 * {@code {"us-east-1": {"requestsPerMinute": 10}, "us-west-2": {"timePerTokenMs": 20}}}; the guardrail config file
 * maps guardrail identifiers to {@link GuardrailDefinition} JSON.
 */
public final class EmulatorCommand {
    static final String USAGE = "usage: emulator --port N [--region-config FILE.json] [--guardrail-config FILE.json]"
            + "   (N = 0 picks a free port)";
    static final int BAD_ARGUMENTS = 2;
    static final int FAILED = 1;

    private EmulatorCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs until the process is killed; returns non-zero at once on bad arguments or if the emulator cannot start. */
    public static int run(String[] args) {
        return run(args, System.out, System.err);
    }

    /** Blocks until the calling thread is interrupted, then stops the emulator and returns 0. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        Map<String, RegionBehaviour> regions;
        Map<String, GuardrailDefinition> guardrails;
        try {
            options = Options.parse(args);
            regions = options.regionConfig == null ? Map.of()
                    : readConfig(options.regionConfig, "region", new TypeReference<Map<String, RegionBehaviour>>() { });
            guardrails = options.guardrailConfig == null ? Map.of() : readConfig(options.guardrailConfig, "guardrail",
                    new TypeReference<Map<String, GuardrailDefinition>>() { });
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return BAD_ARGUMENTS;
        }
        BedrockEmulator emulator;
        try {
            emulator = BedrockEmulator.start(options.port);
        } catch (IllegalStateException e) {
            err.println("Bedrock emulator could not start on port " + options.port + ": " + e.getMessage());
            return FAILED;
        }
        regions.forEach(emulator::configureRegion);
        guardrails.forEach(emulator::defineGuardrail);
        CountDownLatch forever = new CountDownLatch(1);
        Thread shutdownHook = new Thread(emulator::close, "bedrock-emulator-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        out.println("Bedrock emulator listening on " + emulator.endpoint());
        out.flush();
        boolean interrupted = false;
        try {
            forever.await();
        } catch (InterruptedException e) {
            interrupted = true;
        }
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
        emulator.close();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static <T> Map<String, T> readConfig(Path file, String kind, TypeReference<Map<String, T>> type) {
        try {
            return Json.MAPPER.readValue(Files.readAllBytes(file), type);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot read " + kind + " config " + file + ": "
                    + firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    private static final class Options {
        int port = -1;
        Path regionConfig;
        Path guardrailConfig;

        static Options parse(String[] args) {
            Options options = new Options();
            int i = args.length > 0 && args[0].equals("emulator") ? 1 : 0;
            for (; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--port" -> options.port = port(valueAfter(args, i++, arg));
                    case "--region-config" -> options.regionConfig = Path.of(valueAfter(args, i++, arg));
                    case "--guardrail-config" -> options.guardrailConfig = Path.of(valueAfter(args, i++, arg));
                    default -> throw new IllegalArgumentException("unknown argument: " + arg);
                }
            }
            if (options.port < 0) {
                throw new IllegalArgumentException("--port is required");
            }
            return options;
        }

        private static String valueAfter(String[] args, int index, String option) {
            if (index + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[index + 1];
        }

        private static int port(String value) {
            try {
                int port = Integer.parseInt(value);
                if (port >= 0 && port <= 65535) {
                    return port;
                }
            } catch (NumberFormatException e) {
                // reported below like any other bad port
            }
            throw new IllegalArgumentException("--port must be a number from 0 to 65535: " + value);
        }
    }
}
