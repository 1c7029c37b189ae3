package org.tracehub.hub.console;

import java.time.Duration;
import java.time.LocalTime;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code hub.console.*}: what the dashboard calls "last night" and "usually sends", and how the batch page polls.
 *
 * @param nightStart      last night's window opens at this time yesterday (hub time zone)
 * @param nightEnd        … and closes at this time today
 * @param usualLookbackDays a source "usually sends" when it sent on at least {@code usualMinDays} of the
 *                        {@code usualLookbackDays} days before today …
 * @param usualMinDays    … and it is "silent" when it has sent nothing for {@code silentHours}
 * @param silentHours     see above
 * @param chartDays       days shown in the accepted/rejected chart
 * @param pageSize        rows per page of the batch list and the rejected rows
 * @param pollFastest     the batch page asks for its progress this often while the batch moves …
 * @param pollSlowest     … twice as long after each answer that shows no change, up to this …
 * @param pollGiveUp      … and stops, saying so, once nothing has changed for this long
 */
@ConfigurationProperties(prefix = "hub.console", ignoreUnknownFields = false)
public record ConsoleProperties(
        @DefaultValue("18:00") LocalTime nightStart,
        @DefaultValue("08:00") LocalTime nightEnd,
        @DefaultValue("7") int usualLookbackDays,
        @DefaultValue("3") int usualMinDays,
        @DefaultValue("24") int silentHours,
        @DefaultValue("30") int chartDays,
        @DefaultValue("50") int pageSize,
        @DefaultValue("1s") Duration pollFastest,
        @DefaultValue("30s") Duration pollSlowest,
        @DefaultValue("10m") Duration pollGiveUp) {

    public ConsoleProperties {
        // a zero or negative delay would have every open batch page ask the hub without pause
        if (pollFastest.toMillis() < 1 || pollSlowest.compareTo(pollFastest) < 0 || pollGiveUp.compareTo(pollSlowest) < 0) {
            throw new IllegalArgumentException("hub.console.poll-fastest (" + pollFastest + ") must be positive, poll-slowest ("
                    + pollSlowest + ") at least poll-fastest, and poll-give-up (" + pollGiveUp + ") at least poll-slowest");
        }
    }
}
