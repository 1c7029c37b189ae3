package org.tracehub.hub.cli;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** What the console shows when the start stops on a {@code hub.time-zone} that names no zone: the commands' words and code. */
class InvalidTimeZoneFailureAnalyzer extends AbstractFailureAnalyzer<HubTimeZone.Invalid> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, HubTimeZone.Invalid cause) {
        return new FailureAnalysis(cause.getMessage(),
                "设置 hub.time-zone（--hub.time-zone=、-Dhub.time-zone=、环境变量 HUB_TIME_ZONE 或 config/application.yml）为有效的时区ID，"
                        + "如 " + HubTimeZone.DEFAULT + "；空值即默认的 " + HubTimeZone.DEFAULT, cause);
    }
}
