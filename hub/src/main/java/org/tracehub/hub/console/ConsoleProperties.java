package org.tracehub.hub.console;

import java.time.LocalTime;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code hub.console.*}: what the dashboard calls "last night" and "usually sends".
 *
 * @param nightStart      last night's window opens at this time yesterday (hub time zone)
 * @param nightEnd        … and closes at this time today
 * @param usualLookbackDays a source "usually sends" when it sent on at least {@code usualMinDays} of the
 *                        {@code usualLookbackDays} days before today …
 * @param usualMinDays    … and it is "silent" when it has sent nothing for {@code silentHours}
 * @param silentHours     see above
 * @param chartDays       days shown in the accepted/rejected chart
 * @param pageSize        rows per page of the batch list and the rejected rows
 */
@ConfigurationProperties(prefix = "hub.console", ignoreUnknownFields = false)
public record ConsoleProperties(
        @DefaultValue("18:00") LocalTime nightStart,
        @DefaultValue("08:00") LocalTime nightEnd,
        @DefaultValue("7") int usualLookbackDays,
        @DefaultValue("3") int usualMinDays,
        @DefaultValue("24") int silentHours,
        @DefaultValue("30") int chartDays,
        @DefaultValue("50") int pageSize) {
}
