package org.tracehub.hub.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.core.io.ClassPathResource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Every {@code hub.*} setting the hub ships with a default: the keys of its {@code application.yml} and of its profiles'
 * files ({@link #FILES}). Configuration lives there, documented in the root README's settings table; a key the hub
 * reads with {@code @Value} must be there too (HubSettingsCheckTest checks the code against it). An empty map
 * ({@code accounts: {}}) is a key whose children are the user's own names (source ids, user names): anything below it is
 * left to the properties class that binds it.
 */
final class ShippedSettings {

    /** The hub's own configuration files: application.yml and one per profile. */
    static final List<String> FILES = List.of("application.yml", "application-demo.yml", "application-postgres.yml",
            "application-external-broker.yml");

    static final ConfigurationPropertyName HUB = ConfigurationPropertyName.of("hub");

    private final Set<ConfigurationPropertyName> keys;
    private final Set<ConfigurationPropertyName> openMaps;

    private ShippedSettings(Set<ConfigurationPropertyName> keys, Set<ConfigurationPropertyName> openMaps) {
        this.keys = Set.copyOf(keys);
        this.openMaps = Set.copyOf(openMaps);
    }

    /** Read from the class path, where the jar (and the test class path) has the files. */
    static ShippedSettings load() {
        Set<ConfigurationPropertyName> keys = new LinkedHashSet<>();
        Set<ConfigurationPropertyName> openMaps = new LinkedHashSet<>();
        for (String file : FILES) {
            ClassPathResource resource = new ClassPathResource(file);
            if (!resource.exists()) {
                continue;
            }
            try (InputStream in = resource.getInputStream()) {
                for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(in)) {
                    if (document instanceof Map<?, ?> root && root.get("hub") instanceof Map<?, ?> hub) {
                        collect("hub", hub, keys, openMaps);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return new ShippedSettings(keys, openMaps);
    }

    private static void collect(String path, Map<?, ?> map, Set<ConfigurationPropertyName> keys, Set<ConfigurationPropertyName> openMaps) {
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = path + "." + entry.getKey();
            if (entry.getValue() instanceof Map<?, ?> child && !child.isEmpty()) {
                collect(key, child, keys, openMaps);
            } else if (entry.getValue() instanceof Map<?, ?>) {
                openMaps.add(ConfigurationPropertyName.adapt(key, '.'));
            } else {
                keys.add(ConfigurationPropertyName.adapt(key, '.'));
            }
        }
    }

    /** Whether the hub has this setting (an element of a list setting too), or it lies below an open map. */
    boolean known(ConfigurationPropertyName name) {
        ConfigurationPropertyName unindexed = withoutIndexes(name);
        return keys.contains(unindexed) || openMaps.stream().anyMatch(map -> map.isAncestorOf(unindexed));
    }

    /** The setting whose name is closest to a mistyped one, if one is close enough to be what was meant. */
    Optional<String> closest(ConfigurationPropertyName name) {
        String typed = withoutIndexes(name).toString();
        return keys.stream().map(ConfigurationPropertyName::toString)
                .map(key -> Map.entry(key, distance(typed, key)))
                .filter(candidate -> candidate.getValue() <= Math.max(2, typed.length() / 6))
                .min(Comparator.comparingInt(Map.Entry<String, Integer>::getValue).thenComparing(Map.Entry::getKey))
                .map(Map.Entry::getKey);
    }

    Collection<ConfigurationPropertyName> keys() {
        return keys;
    }

    /** {@code hub.security.users.a.roles[0]} → {@code hub.security.users.a.roles}. */
    private static ConfigurationPropertyName withoutIndexes(ConfigurationPropertyName name) {
        for (int i = 0; i < name.getNumberOfElements(); i++) {
            if (name.isNumericIndex(i)) {
                return name.chop(i);
            }
        }
        return name;
    }

    /** Levenshtein distance. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
