package dev.llmgateway.emulator.junit;

import dev.llmgateway.emulator.BedrockEmulator;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts a Bedrock emulator on a free port before a test class and stops it after, so the gateway's Kamelets in an
 * application's routes are tested offline. While it runs, the JVM's system properties {@code
 * llmgateway.upstream.mode=emulator} and {@code llmgateway.upstream.endpoint} point the Kamelets at it (a Camel
 * application resolves its properties from system properties too); the values before are restored after. Use it as
 * {@code @ExtendWith(BedrockEmulatorExtension.class)}, with a {@link BedrockEmulator} parameter where a test wants to
 * shape the emulator (regions' faults, guardrails, the last request it received), or as a
 * {@code @RegisterExtension} field. Start the Camel application inside the test class (in a {@code @BeforeAll} or a
 * test), not before it.
 */
public final class BedrockEmulatorExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    public static final String MODE_PROPERTY = "llmgateway.upstream.mode";
    public static final String ENDPOINT_PROPERTY = "llmgateway.upstream.endpoint";

    private BedrockEmulator emulator;
    private final Map<String, String> previous = new LinkedHashMap<>();

    @Override
    public void beforeAll(ExtensionContext context) {
        emulator = BedrockEmulator.start(0);
        point(MODE_PROPERTY, "emulator");
        point(ENDPOINT_PROPERTY, emulator.endpoint().toString());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        previous.forEach((name, value) -> {
            if (value == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        });
        previous.clear();
        if (emulator != null) {
            emulator.close();
            emulator = null;
        }
    }

    /** The running emulator; only between the class's start and end. */
    public BedrockEmulator emulator() {
        if (emulator == null) {
            throw new IllegalStateException("the Bedrock emulator runs only while its test class does");
        }
        return emulator;
    }

    /** Where the emulator listens, e.g. for {@code llmgateway.upstream.endpoint} in a test's own settings. */
    public URI endpoint() {
        return emulator().endpoint();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == BedrockEmulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return emulator();
    }

    private void point(String name, String value) {
        previous.put(name, System.getProperty(name));
        System.setProperty(name, value);
    }
}
