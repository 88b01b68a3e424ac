package dev.llmgateway.testing;

import dev.llmgateway.logging.RequestLog;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Property;

/**
 * Every log event the gateway's log4j2 configuration lets through while open: the root logger's (everything but
 * the request log) and the request log's.
 */
public final class CapturedLogs implements AutoCloseable {

    private final List<LogEvent> events = new CopyOnWriteArrayList<>();
    private final AbstractAppender appender = new AbstractAppender("captured-" + System.nanoTime(), null, null,
            true, Property.EMPTY_ARRAY) {
        @Override
        public void append(LogEvent event) {
            events.add(event.toImmutable());
        }
    };

    private CapturedLogs() {
    }

    public static CapturedLogs start() {
        CapturedLogs logs = new CapturedLogs();
        logs.appender.start();
        Configuration config = context().getConfiguration();
        config.getRootLogger().addAppender(logs.appender, null, null);
        config.getLoggerConfig(RequestLog.LOGGER).addAppender(logs.appender, null, null);
        context().updateLoggers();
        return logs;
    }

    public List<LogEvent> events() {
        return List.copyOf(events);
    }

    /** @return the formatted messages of the request log */
    public List<String> requestLogLines() {
        return events.stream().filter(e -> RequestLog.LOGGER.equals(e.getLoggerName()))
                .map(e -> e.getMessage().getFormattedMessage()).toList();
    }

    @Override
    public void close() {
        Configuration config = context().getConfiguration();
        config.getRootLogger().removeAppender(appender.getName());
        config.getLoggerConfig(RequestLog.LOGGER).removeAppender(appender.getName());
        context().updateLoggers();
        appender.stop();
    }

    private static LoggerContext context() {
        return (LoggerContext) LogManager.getContext(false);
    }
}
