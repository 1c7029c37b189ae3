package org.tracehub.hub.cli;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.springframework.core.env.PropertyResolver;

/**
 * The zone the hub judges "now" in, {@code hub.time-zone} (default Asia/Shanghai), which the server's one clock carries
 * (platform's {@code PlatformConfiguration}) and the commands use too. A registration code of January 2027 is "this
 * month" from 2027-01-01 00:00 in Shanghai, and the machine's zone (UTC on most servers and containers) would refuse it
 * for eight hours.
 *
 * <p>The server and the commands read it from the same sources, as Spring Boot reads any setting: {@code --hub.time-zone=…}
 * on the command line, {@code -Dhub.time-zone=…}, the environment variable {@code HUB_TIME_ZONE}, then the configuration
 * files ({@code config/application.yml} beside the jar and the rest of Spring Boot's locations, then the jar's own). One
 * rule for a blank value wherever it is set ({@code HUB_TIME_ZONE=} in a unit file): it means "not set", the default;
 * the server used to fail on it while the commands took the default. A value that names no zone stops both with
 * {@link CliCodes#TIME_ZONE_INVALID} in the same words.
 */
public final class HubTimeZone {

    public static final String PROPERTY = "hub.time-zone";
    static final String ENVIRONMENT_VARIABLE = "HUB_TIME_ZONE";
    public static final String DEFAULT = "Asia/Shanghai";

    private HubTimeZone() {
    }

    /**
     * The configured zone.
     *
     * @throws Invalid when the configured value is no zone
     */
    public static ZoneId resolve(PropertyResolver settings) {
        String configured = settings.getProperty(PROPERTY);
        if (configured == null || configured.isBlank()) {
            return ZoneId.of(DEFAULT);
        }
        try {
            return ZoneId.of(configured.strip());
        } catch (DateTimeException e) {
            throw new Invalid(configured, e);
        }
    }

    /**
     * The zone a command runs in, read as the server reads it: {@code commandLine}'s {@code --hub.time-zone=…}, then
     * {@code systemProperties}, {@code environment} and the configuration files Spring Boot reads (whose locations these
     * may set, {@code SPRING_CONFIG_ADDITIONAL_LOCATION}).
     *
     * @throws Invalid when the configured value is no zone
     */
    static ZoneId forCommand(List<String> commandLine, Map<String, Object> systemProperties, Map<String, Object> environment) {
        return resolve(CommandSettings.read(commandLine, systemProperties, environment));
    }

    /** A {@code hub.time-zone} that names no zone: its message is the sender-facing text, the same for server and commands. */
    public static final class Invalid extends RuntimeException {

        Invalid(String value, DateTimeException cause) {
            super("时区设置无效（" + CliCodes.TIME_ZONE_INVALID + "，" + PROPERTY + " / " + ENVIRONMENT_VARIABLE + "）：“" + value
                    + "”不是时区ID（" + cause.getMessage() + "）；请改为如 " + DEFAULT + " 的时区ID，或删去该设置以用默认的 "
                    + DEFAULT, cause);
        }
    }
}
