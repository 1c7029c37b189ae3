package org.tracehub.hub.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Shows a start stopped on a refused extra region code as the codes and what to do, not "Error creating bean 'regionCodes'". */
class ExtraRegionCodesFailureAnalyzer extends AbstractFailureAnalyzer<ExtraRegionCodesException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ExtraRegionCodesException cause) {
        return new FailureAnalysis(cause.getMessage(), ExtraRegionCodesException.ACTION, cause);
    }
}
