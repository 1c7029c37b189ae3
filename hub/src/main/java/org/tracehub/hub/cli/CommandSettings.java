package org.tracehub.hub.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The hub's settings a command uses, read as Spring Boot reads the server's: {@code --hub.…=} options among the
 * arguments, then the system properties, the environment and the configuration files ({@code config/application.yml}
 * beside the jar and Spring Boot's other locations, which these may set). Only the settings that decide what a command
 * accepts are options of the command line: {@code hub.time-zone} and {@code hub.standard.extra-region-codes.<code>}.
 */
final class CommandSettings {

    private static final List<String> OPTIONS = List.of("--" + HubTimeZone.PROPERTY + "=", "--hub.standard.extra-region-codes.");

    private CommandSettings() {
    }

    static ConfigurableEnvironment read(List<String> commandLine, Map<String, Object> systemProperties, Map<String, Object> environment) {
        StandardEnvironment settings = new StandardEnvironment();
        MutablePropertySources sources = settings.getPropertySources();
        sources.replace(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME,
                new MapPropertySource(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME, systemProperties));
        sources.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment));
        List<String> options = commandLine.stream().filter(CommandSettings::isSetting).toList();
        if (!options.isEmpty()) {
            sources.addFirst(new SimpleCommandLinePropertySource(options.toArray(String[]::new)));
        }
        ConfigDataEnvironmentPostProcessor.applyTo(settings);
        return settings;
    }

    /** The arguments without the hub's settings, which are no command's options. */
    static String[] withoutSettings(String[] args) {
        List<String> rest = new ArrayList<>();
        for (String arg : args) {
            if (!isSetting(arg)) {
                rest.add(arg);
            }
        }
        return rest.toArray(String[]::new);
    }

    private static boolean isSetting(String arg) {
        return OPTIONS.stream().anyMatch(arg::startsWith);
    }
}
