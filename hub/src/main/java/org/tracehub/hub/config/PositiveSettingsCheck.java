package org.tracehub.hub.config;

import java.util.List;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.stereotype.Component;

/**
 * Refuses a count or size below 1 where the hub needs at least one. {@code hub.jobs.chunk-size: 0} started the hub and
 * failed every batch's load (a division by zero in a step-scoped bean, a negative page in {@code FETCH FIRST}), each with
 * a receipt to its sender; a thread count of 0 stopped the start with an English {@code IllegalArgumentException} naming
 * no setting; a limit of 0 concurrent queries or renders would answer every consumer busy.
 */
@Component
class PositiveSettingsCheck extends SettingsCheck {

    static final List<String> POSITIVE = List.of("hub.jobs.chunk-size", "hub.jobs.load-transaction-size",
            "hub.jobs.import-concurrency", "hub.jobs.background-threads", "hub.pull.threads",
            "hub.trace.max-concurrent-queries", "hub.qr.max-concurrent-renders");

    @Override
    protected void check(ConfigurableEnvironment environment, Binder settings) {
        for (String key : POSITIVE) {
            // a value that is no number is Spring's to refuse where the setting is read, naming it
            String text = settings.bind(key, String.class).map(String::strip).orElse("");
            Integer value = text.matches("-?\\d{1,9}") ? Integer.valueOf(text) : null;
            if (value != null && value < 1) {
                throw new StartRefusedException(StartRefusalCodes.SETTING_NOT_POSITIVE,
                        "设置 " + key + "=" + value + " 无效：至少为 1。 The setting " + key + "=" + value
                                + " is invalid: it must be at least 1.",
                        "请将 " + key + " 设为 1 或更大，或删除它以使用默认值（application.yml）。 Set " + key
                                + " to 1 or more, or remove it for the default (application.yml; README.md, \"Configuration\").");
            }
        }
    }
}
