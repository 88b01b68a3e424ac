package dev.llmgateway.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.impl.ContextDataFactory;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.message.SimpleMessage;
import org.apache.logging.log4j.util.StringMap;
import org.junit.jupiter.api.Test;

/** The packaged log4j2.xml prints the request id on console lines about a request, and nothing on the others. */
class ConsoleLogLayoutTest {

    private static String format(String requestId) {
        Layout<?> layout = ((LoggerContext) LogManager.getContext(false)).getConfiguration().getAppender("console").getLayout();
        StringMap context = ContextDataFactory.createContextData();
        if (requestId != null) {
            context.putValue(RequestIdLogContext.MDC_KEY, requestId);
        }
        LogEvent event = Log4jLogEvent.newBuilder().setLoggerName("dev.llmgateway.Example").setLevel(Level.WARN)
                .setMessage(new SimpleMessage("something happened")).setContextData(context).build();
        return layout.toSerializable(event).toString();
    }

    @Test
    void aLineAboutARequestNamesIt() {
        assertThat(format("req-0042")).contains(" [req req-0042] Example - something happened");
    }

    @Test
    void otherLinesHaveNoEmptyMarker() {
        assertThat(format(null)).contains("] Example - something happened").doesNotContain("[req");
    }
}
