package org.tracehub.hub.config;

import java.util.stream.Collectors;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** What the console shows when the start stops on an unknown setting: each key, where it was set, the likely setting. */
class UnknownSettingFailureAnalyzer extends AbstractFailureAnalyzer<UnknownSettingException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UnknownSettingException cause) {
        String description = "The hub has no setting named:\n" + cause.unknown().stream()
                .map(unknown -> "    " + unknown.describe())
                .collect(Collectors.joining("\n"))
                + "\nIt would be ignored and its default kept, so the hub does not start.";
        boolean retired = cause.unknown().stream().anyMatch(unknown -> unknown.retired() != null);
        String action = (retired ? "Do what each retired setting's line says; correct the name of any other" : "Correct the name")
                + " (or remove the setting). The settings and their defaults are in README.md, "
                + "\"Configuration\", and in application.yml. Environment variables are not checked.";
        return new FailureAnalysis(description, action, cause);
    }
}
