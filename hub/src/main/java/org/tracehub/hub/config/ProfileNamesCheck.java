package org.tracehub.hub.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.stereotype.Component;

/**
 * Refuses an active profile that no configuration file answers, and a profile's environment variable set while the
 * profile is not active. Spring Boot accepts any profile name: {@code postgresql} or {@code Postgres} for
 * {@code postgres} started the hub on the embedded H2 without a word, {@code HUB_DB_URL} set and unread, and its data
 * then lived where no PostgreSQL backup saw it (there is no way from H2 to PostgreSQL). A profile counts as answered by a
 * file {@code <config name>-<profile>.yml} (or .yaml, .properties) among the configuration files read, the shipped ones
 * ({@code demo}, {@code postgres}, {@code external-broker}) or an admin's beside the jar, or as a group of
 * {@code spring.profiles.group}. Not seen: a profile answered only by a {@code spring.config.activate.on-profile}
 * document inside a file; name it in a group (or a file of its own) to use one.
 */
@Component
class ProfileNamesCheck extends SettingsCheck {

    /** An environment variable only a profile reads, the profile, and the setting it leaves unset without it. */
    private record ProfileVariable(String variable, String profile, String setting, String unsetPrefix) {
    }

    private static final List<ProfileVariable> PROFILE_VARIABLES = List.of(
            new ProfileVariable("HUB_DB_URL", "postgres", "spring.datasource.url", "jdbc:h2:"),
            new ProfileVariable("HUB_BROKER_URL", "external-broker", "spring.artemis.mode", "embedded"));

    @Override
    protected void check(ConfigurableEnvironment environment, Binder settings) {
        Set<String> answered = answeredProfiles(environment, settings);
        List<String> unknown = new ArrayList<>();
        for (String profile : environment.getActiveProfiles()) {
            if (!answered.contains(profile)) {
                unknown.add(profile);
            }
        }
        if (!unknown.isEmpty()) {
            String shipped = String.join(", ", shippedProfiles());
            throw new StartRefusedException(StartRefusalCodes.PROFILE_UNKNOWN,
                    "spring.profiles.active 中的配置 " + String.join("、", unknown) + " 不存在（没有对应的 application-<配置>.yml）。"
                            + "平台自带的配置：" + shipped + "。 The profile(s) " + String.join(", ", unknown)
                            + " in spring.profiles.active do not exist (no application-<profile>.yml answers them); the "
                            + "hub's own profiles are: " + shipped + ". Started so, the hub would run on its "
                            + "embedded defaults (H2, the embedded broker) without a word.",
                    "请改正 spring.profiles.active（或 SPRING_PROFILES_ACTIVE）中的配置名，例如 postgres、external-broker（区分大小写）。"
                            + " Correct the profile's name in spring.profiles.active (or SPRING_PROFILES_ACTIVE), e.g. postgres or "
                            + "external-broker (case matters; README.md, \"Configuration\").");
        }
        PropertySource<?> variables = environment.getPropertySources().get(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        if (variables == null) {
            return;
        }
        for (ProfileVariable unread : PROFILE_VARIABLES) {
            String value = settings.bind(unread.setting(), String.class).orElse("");
            if (variables.getProperty(unread.variable()) != null && value.startsWith(unread.unsetPrefix())) {
                throw new StartRefusedException(StartRefusalCodes.PROFILE_VARIABLE_UNUSED,
                        "环境变量 " + unread.variable() + " 已设置，但配置 " + unread.profile() + " 未启用，它不会被读取（"
                                + unread.setting() + " 仍为 " + value + "）。 The environment variable " + unread.variable()
                                + " is set, but the profile " + unread.profile() + " that reads it is not active, so it is "
                                + "ignored (" + unread.setting() + " is still " + value + ").",
                        "请在 spring.profiles.active（或 SPRING_PROFILES_ACTIVE）中加入 " + unread.profile() + "，或删除 "
                                + unread.variable() + "。 Add " + unread.profile() + " to spring.profiles.active (or "
                                + "SPRING_PROFILES_ACTIVE), or remove " + unread.variable() + ".");
            }
        }
    }

    /** The profiles of the hub's own configuration files. */
    private static List<String> shippedProfiles() {
        return ShippedSettings.FILES.stream().filter(file -> file.startsWith("application-"))
                .map(file -> file.substring("application-".length(), file.lastIndexOf('.'))).toList();
    }

    /**
     * The active profiles a configuration file read, or a profile group, answers: Spring Boot reads a profile's file
     * only while the profile is active, so these are the files found for the active profiles.
     */
    private static Set<String> answeredProfiles(ConfigurableEnvironment environment, Binder settings) {
        List<String> configNames = settings.bind("spring.config.name", Bindable.listOf(String.class)).orElse(List.of("application"));
        Set<String> answered = new TreeSet<>();
        settings.bind("spring.profiles.group", Bindable.mapOf(String.class, String[].class))
                .ifBound(groups -> answered.addAll(groups.keySet()));
        for (PropertySource<?> source : environment.getPropertySources()) {
            String name = source.getName();
            if (!name.startsWith("Config resource ")) {
                continue;
            }
            for (String configName : configNames) {
                int start = name.indexOf(configName.strip() + "-");
                if (start >= 0 && (start == 0 || "/[\\".indexOf(name.charAt(start - 1)) >= 0)) {
                    String rest = name.substring(start + configName.strip().length() + 1);
                    for (String extension : List.of(".yml", ".yaml", ".properties")) {
                        int end = rest.toLowerCase(Locale.ROOT).indexOf(extension);
                        if (end > 0) {
                            answered.add(rest.substring(0, end));
                        }
                    }
                }
            }
        }
        return answered;
    }
}
