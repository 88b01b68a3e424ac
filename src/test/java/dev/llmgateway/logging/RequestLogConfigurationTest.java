package dev.llmgateway.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AsyncAppender;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.config.xml.XmlConfiguration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** In both shipped log4j2 configurations, the request log is written by a thread of its own, not the call's. */
class RequestLogConfigurationTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"src/main/resources/log4j2.xml", "ops/log4j2/requests-to-file.xml"})
    void theRequestLogGoesThroughAnAsyncAppender(String file) throws Exception {
        System.setProperty("llmgw.requestLogFile", dir.resolve("requests.jsonl").toString());
        LoggerContext context = new LoggerContext("request-log-configuration");
        try {
            context.start(new XmlConfiguration(context, ConfigurationSource.fromUri(Path.of(file).toUri())));
            var requests = context.getConfiguration().getLoggerConfig(RequestLog.LOGGER);

            assertThat(requests.getName()).isEqualTo(RequestLog.LOGGER);
            assertThat(requests.getAppenders().values()).singleElement().isInstanceOf(AsyncAppender.class);
            Appender async = requests.getAppenders().values().iterator().next();
            assertThat(((AsyncAppender) async).getAppenderRefStrings()).containsExactly("requests");
        } finally {
            context.stop();
            System.clearProperty("llmgw.requestLogFile");
        }
    }
}
