package org.tracehub.hub.config;

import java.util.List;
import java.util.stream.Collectors;

/** {@code hub.*} settings the hub does not have, found at start-up ({@link HubSettingsCheck}). */
public class UnknownSettingException extends IllegalStateException {

    /**
     * One unknown key.
     *
     * @param name       the key, in Spring Boot's canonical form
     * @param origin     where it was set (a file and line, the command line …), empty when not known
     * @param didYouMean the hub's setting with the closest name, or null
     * @param retired    when the hub once had the setting: when it was removed and what to do ({@link RetiredSettings}), else null
     */
    public record Unknown(String name, String origin, String didYouMean, String retired) {

        String describe() {
            return name + (origin.isEmpty() ? "" : " (" + origin + ")")
                    + (retired != null ? " — " + retired : didYouMean == null ? "" : " — did you mean " + didYouMean + "?");
        }
    }

    private final List<Unknown> unknown;

    public UnknownSettingException(List<Unknown> unknown) {
        super("Unknown setting" + (unknown.size() == 1 ? " " : "s ") + unknown.stream().map(Unknown::name)
                .collect(Collectors.joining(", ")) + ": the hub has no such setting and would ignore it, keeping the default. "
                + unknown.stream().map(Unknown::describe).collect(Collectors.joining("; ")));
        this.unknown = List.copyOf(unknown);
    }

    public List<Unknown> unknown() {
        return unknown;
    }
}
