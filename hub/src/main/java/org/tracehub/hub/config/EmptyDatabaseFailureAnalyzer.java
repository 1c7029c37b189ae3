package org.tracehub.hub.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Shows a start stopped on an unrestored database as what happened and what to do, instead of a stack trace. */
class EmptyDatabaseFailureAnalyzer extends AbstractFailureAnalyzer<EmptyDatabaseException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, EmptyDatabaseException cause) {
        return new FailureAnalysis(cause.description(), EmptyDatabaseException.ACTION, cause);
    }
}
