package org.tracehub.hub.config;

import java.time.Duration;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.stereotype.Component;

/**
 * Refuses a heartbeat too slow for the node timeout. A node is taken for dead once silent for
 * {@code hub.jobs.recovery.node-timeout}; with a heartbeat every {@code heartbeat-interval} that long or longer, a live
 * node is "silent" between two beats, its running jobs are taken over by another node, and a starting node thinks
 * itself alone. Three beats within the timeout, as the nodes' health already assumes ({@code healthyFor}), let one
 * late or failed beat pass.
 */
@Component
class HeartbeatSettingsCheck extends SettingsCheck {

    static final String HEARTBEAT = "hub.jobs.recovery.heartbeat-interval";
    static final String TIMEOUT = "hub.jobs.recovery.node-timeout";
    static final int BEATS_PER_TIMEOUT = 3;

    @Override
    protected void check(ConfigurableEnvironment environment, Binder settings) {
        Duration heartbeat = settings.bind(HEARTBEAT, Duration.class).orElse(null);
        Duration timeout = settings.bind(TIMEOUT, Duration.class).orElse(null);
        if (heartbeat == null || timeout == null || heartbeat.multipliedBy(BEATS_PER_TIMEOUT).compareTo(timeout) <= 0) {
            return;
        }
        throw new StartRefusedException(StartRefusalCodes.HEARTBEAT_TOO_SLOW,
                HEARTBEAT + "=" + heartbeat + " 相对 " + TIMEOUT + "=" + timeout + " 太慢：两次心跳之间，运行中的节点会被当作已失联，"
                        + "其作业会被其他节点接管并重复运行。 " + HEARTBEAT + "=" + heartbeat + " is too slow for " + TIMEOUT + "="
                        + timeout + ": between two beats a live node would be taken for dead and its running jobs taken over "
                        + "and run twice.",
                "请使 " + TIMEOUT + " 至少为 " + HEARTBEAT + " 的 " + BEATS_PER_TIMEOUT + " 倍（默认 PT30S 与 PT10M），各节点相同。"
                        + " Make " + TIMEOUT + " at least " + BEATS_PER_TIMEOUT + " times " + HEARTBEAT + " (the defaults are "
                        + "PT30S and PT10M), the same on every node (jobs/README.md, \"Several nodes\").");
    }
}
