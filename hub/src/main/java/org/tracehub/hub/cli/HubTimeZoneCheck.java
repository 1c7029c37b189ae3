package org.tracehub.hub.cli;

import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.stereotype.Component;
import org.tracehub.hub.config.SettingsCheck;

/**
 * The server's {@code hub.time-zone} by the commands' rule ({@link HubTimeZone}), checked before any bean is made: a
 * value that names no zone stopped the start with Spring's English "Error creating bean with name 'clock'" and a stack
 * trace, where the commands say {@code TIME_ZONE_INVALID} in Chinese ({@link InvalidTimeZoneFailureAnalyzer} says the
 * same); a blank one ({@code HUB_TIME_ZONE=}) failed the server while the commands took the default. The zone as resolved
 * is put first in the environment, so the clock (platform's {@code PlatformConfiguration}) is made with it.
 */
@Component
public class HubTimeZoneCheck extends SettingsCheck {

    static final String SOURCE_NAME = "hubTimeZone";

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }

    @Override
    protected void check(ConfigurableEnvironment environment, Binder settings) {
        String zone = HubTimeZone.resolve(environment).getId();
        environment.getPropertySources().addFirst(new MapPropertySource(SOURCE_NAME, Map.of(HubTimeZone.PROPERTY, zone)));
    }
}
