package org.tracehub.hub.cli;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.function.UnaryOperator;

/**
 * The zone the commands judge "now" in: the server's, {@code hub.time-zone} (default Asia/Shanghai), which the
 * server's one clock carries (platform's {@code PlatformConfiguration}). A registration code of January 2027 is "this
 * month" from 2027-01-01 00:00 in Shanghai, and the machine's zone (UTC on most servers and containers) would refuse it
 * for eight hours. Read as Spring reads the property: the system property {@code -Dhub.time-zone=…} first, then the
 * environment variable {@code HUB_TIME_ZONE}.
 */
final class HubTimeZone {

    static final String PROPERTY = "hub.time-zone";
    static final String ENVIRONMENT_VARIABLE = "HUB_TIME_ZONE";
    static final String DEFAULT = "Asia/Shanghai";

    private HubTimeZone() {
    }

    /**
     * The configured zone.
     *
     * @throws DateTimeException when the configured value is no zone (the server does not start with it either)
     */
    static ZoneId resolve(UnaryOperator<String> systemProperties, UnaryOperator<String> environment) {
        String configured = systemProperties.apply(PROPERTY);
        if (configured == null || configured.isBlank()) {
            configured = environment.apply(ENVIRONMENT_VARIABLE);
        }
        return ZoneId.of(configured == null || configured.isBlank() ? DEFAULT : configured.strip());
    }
}
