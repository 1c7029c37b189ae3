package org.tracehub.hub.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Shows a start stopped on a database and a data directory of two installations as what happened and what to do. */
class InstallationMismatchFailureAnalyzer extends AbstractFailureAnalyzer<InstallationMismatchException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InstallationMismatchException cause) {
        return new FailureAnalysis(cause.description(), InstallationMismatchException.ACTION, cause);
    }
}
