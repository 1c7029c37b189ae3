package org.tracehub.platform.testing;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;

/**
 * The events a logback {@link ListAppender} caught so far, read while other threads may still log. Its list is a plain
 * {@code ArrayList} that the appender adds to under its own monitor ({@code AppenderBase.doAppend} is synchronized):
 * iterating the list itself meanwhile throws a {@code ConcurrentModificationException} now and then.
 */
public final class LoggedEvents {

    private LoggedEvents() {
    }

    /** A copy of what the appender holds now, taken under the lock its appends hold. */
    public static List<ILoggingEvent> of(ListAppender<ILoggingEvent> appender) {
        synchronized (appender) {
            return List.copyOf(appender.list);
        }
    }
}
