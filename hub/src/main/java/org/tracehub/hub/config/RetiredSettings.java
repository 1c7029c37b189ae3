package org.tracehub.hub.config;

import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;

/**
 * {@code hub.*} settings the hub once shipped and no longer has. A site configuration copied from an older
 * application.yml may still set one: that is no typo, so {@link HubSettingsCheck} warns and starts, unless ignoring the
 * setting would be dangerous ({@link Retired#refused()}). A key removed from application.yml or from a properties class
 * goes here, with what replaced it.
 */
final class RetiredSettings {

    /**
     * One retired setting.
     *
     * @param name    the key, in Spring Boot's canonical form
     * @param removed when and with what it was removed
     * @param instead what replaced it, or that it has no effect now, and what the admin does
     * @param refused whether the start stops on it: ignoring it would leave the hub doing something the admin did not mean
     */
    record Retired(String name, String removed, String instead, boolean refused) {

        String describe() {
            return "was removed " + removed + ": " + instead;
        }
    }

    static final RetiredSettings SHIPPED = new RetiredSettings(List.of(
            new Retired("hub.jobs.readers.xlsx-row-cache", "on 2026-11-30 with the streaming XLSX reader's row cache",
                    "the reader now holds one row at a time and has no such bound, so it has no effect; delete it", false)));

    private final List<Retired> retired;

    RetiredSettings(List<Retired> retired) {
        this.retired = List.copyOf(retired);
    }

    /**
     * The retired setting of this name, also in the form an environment variable with its dashes as underscores gives
     * ({@code HUB_JOBS_READERS_XLSX_ROW_CACHE}: {@code hub.jobs.readers.xlsx.row.cache}), which Spring Boot binds as well.
     */
    Optional<Retired> find(ConfigurationPropertyName name) {
        return retired.stream().filter(setting -> ConfigurationPropertyName.of(setting.name()).equals(name)
                || ConfigurationPropertyName.of(setting.name().replace('-', '.')).equals(name)).findFirst();
    }
}
