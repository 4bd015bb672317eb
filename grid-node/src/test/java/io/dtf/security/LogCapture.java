package io.dtf.security;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Everything logged in this JVM while it is open, as text: DTF's loggers and the chosen Ignite
 * packages at DEBUG, the rest as configured. Those Ignite packages log only here, not on the
 * console, so the test output stays readable.
 *
 * <pre>{@code
 * try (LogCapture log = LogCapture.start("org.apache.ignite.internal.processors.platform.client")) {
 *     ...
 *     log.assertNothingContains(token, "the token");
 * }
 * }</pre>
 */
public final class LogCapture implements AutoCloseable {
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Map<Logger, Level> levels = new HashMap<>();
    private final Map<Logger, Boolean> additivity = new HashMap<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    private LogCapture() {
    }

    /** Captures from now on: everything that reaches the root logger, plus {@code verbose} loggers at DEBUG. */
    public static LogCapture start(String... verbose) {
        LogCapture capture = new LogCapture();
        capture.appender.start();
        capture.root.addAppender(capture.appender);
        capture.debug("io.dtf", true);
        for (String name : verbose) {
            capture.debug(name, false);
        }
        return capture;
    }

    private void debug(String name, boolean keepConsole) {
        Logger logger = (Logger) LoggerFactory.getLogger(name);
        levels.put(logger, logger.getLevel());
        additivity.put(logger, logger.isAdditive());
        logger.setLevel(Level.DEBUG);
        if (!keepConsole) {
            logger.setAdditive(false);
            logger.addAppender(appender);
        }
    }

    /** Every event so far: its message, arguments and exception, as text. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (ILoggingEvent e : List.copyOf(appender.list)) {
            StringBuilder text = new StringBuilder(e.getLoggerName()).append(' ').append(e.getFormattedMessage());
            if (e.getArgumentArray() != null) {
                text.append(' ').append(Arrays.deepToString(e.getArgumentArray()));
            }
            if (e.getThrowableProxy() != null) {
                text.append('\n').append(ThrowableProxyUtil.asString(e.getThrowableProxy()));
            }
            e.getMDCPropertyMap().forEach((k, v) -> text.append(' ').append(k).append('=').append(v));
            lines.add(text.toString());
        }
        return lines;
    }

    /** Fails if any event holds {@code secret}, naming it as {@code what} (never printing it). */
    public void assertNothingContains(String secret, String what) {
        for (String line : lines()) {
            if (line.contains(secret)) {
                throw new AssertionError(what + " was logged: " + line.replace(secret, "<" + what + ">"));
            }
        }
    }

    @Override
    public void close() {
        levels.forEach(Logger::setLevel);
        additivity.forEach(Logger::setAdditive);
        for (Logger logger : levels.keySet()) {
            logger.detachAppender(appender);
        }
        root.detachAppender(appender);
        appender.stop();
    }
}
