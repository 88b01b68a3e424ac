package dev.llmgateway.kamelet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The library (processors/, camel-llm-gateway-kamelets) as a guest in someone else's application: everything it
 * brings sits under its own path, so nothing in it is taken for the host's (application.yaml, log4j2.xml, Flyway's
 * db/migration, Camel Main's routes), except the Kamelets, where Camel looks for them, and one class of the AWS SDK.
 */
class LibraryContentsTest {

    private static final Path LIBRARY_CLASSES = Path.of("processors", "target", "classes");
    /** The AWS SDK's event-stream decoder, replaced (EventStreamDecoderCheck warns at start where it is not). */
    private static final String SHADOWED_SDK_CLASS = "software/amazon/eventstream/MessageDecoder.class";

    @Test
    void everythingTheLibraryBringsIsUnderItsOwnPathOrIsAKamelet() throws IOException {
        List<String> files = filesOf(LIBRARY_CLASSES);

        assertThat(files).isNotEmpty().allMatch(file -> file.startsWith("dev/llmgateway/")
                || file.startsWith("kamelets/") && file.endsWith(".kamelet.yaml")
                || file.equals(SHADOWED_SDK_CLASS));
        assertThat(files).contains("dev/llmgateway/application.yaml", "dev/llmgateway/routes/llm-chain.yaml",
                "kamelets/llm-bedrock-chat-action.kamelet.yaml");
    }

    @Test
    void theLibraryBringsNoLoggingBackend() throws IOException {
        assertThat(filesOf(LIBRARY_CLASSES))
                .noneMatch(file -> file.matches("(?i).*(log4j2?|logback)[^/]*\\.(xml|properties)"));
        assertThat(Files.readString(Path.of("processors", "pom.xml"))).doesNotContain("log4j-core", "logback-classic",
                "slf4j-simple");
    }

    private static List<String> filesOf(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(file -> root.relativize(file).toString().replace('\\', '/'))
                    .sorted().toList();
        }
    }
}
