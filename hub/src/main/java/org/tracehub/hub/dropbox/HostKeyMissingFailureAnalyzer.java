package org.tracehub.hub.dropbox;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Shows a start stopped on a lost host key as what happened and what to do, instead of a stack trace. */
class HostKeyMissingFailureAnalyzer extends AbstractFailureAnalyzer<HostKeyMissingException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, HostKeyMissingException cause) {
        return new FailureAnalysis(cause.description(), HostKeyMissingException.ACTION, cause);
    }
}
