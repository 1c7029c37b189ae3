package org.tracehub.platform.schedule;

import org.springframework.scheduling.support.CronExpression;

/**
 * A cron read from the configuration, checked where the setting is read: Spring's own message ("Cron expression must
 * consist of 6 fields") names neither the property nor the source, and stopped the start with nothing to search the
 * configuration for.
 */
public final class CronSettings {

    private CronSettings() {
    }

    /**
     * The cron of a setting, or an {@link IllegalArgumentException} naming the property and its value; a five-field (Unix)
     * cron gets a hint: Spring's crons start with seconds.
     *
     * @param property the full property key, e.g. {@code hub.pull.sources.dairy-x.cron}
     */
    public static CronExpression parse(String property, String cron) {
        String value = cron == null ? "" : cron.strip();
        try {
            return CronExpression.parse(value);
        } catch (IllegalArgumentException e) {
            String hint = value.split("\\s+").length == 5 && isCron("0 " + value)
                    ? ": Spring's crons have six fields, seconds first; as a Unix cron this one is '0 " + value + "'"
                    : ": Spring's crons have six fields, seconds first (02:30 every day is '0 30 2 * * *')";
            throw new IllegalArgumentException(property + ": '" + value + "' is not a cron expression (" + e.getMessage() + ")"
                    + hint, e);
        }
    }

    private static boolean isCron(String value) {
        return CronExpression.isValidExpression(value);
    }
}
