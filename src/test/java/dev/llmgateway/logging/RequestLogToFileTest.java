package dev.llmgateway.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.config.xml.XmlConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped log4j2 configuration that sends the request log to a file does so, and only the request log. */
class RequestLogToFileTest {

    @TempDir
    Path dir;

    @Test
    void requestLinesGoToTheFileAndEverythingElseDoesNot() throws IOException {
        Path file = dir.resolve("requests.jsonl");
        System.setProperty("llmgw.requestLogFile", file.toString());
        LoggerContext context = new LoggerContext("request-log-to-file");
        try {
            context.start(new XmlConfiguration(context,
                    ConfigurationSource.fromUri(Path.of("ops/log4j2/requests-to-file.xml").toUri())));
            context.getLogger(RequestLog.LOGGER).info("{\"requestId\":\"req-1\"}");
            context.getLogger(RequestLogToFileTest.class).info("an ordinary line");
        } finally {
            context.stop();
            System.clearProperty("llmgw.requestLogFile");
        }

        assertThat(Files.readAllLines(file)).containsExactly("{\"requestId\":\"req-1\"}");
    }
}
