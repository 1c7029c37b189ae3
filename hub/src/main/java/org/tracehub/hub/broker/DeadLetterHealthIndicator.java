package org.tracehub.hub.broker;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;
import org.tracehub.hub.dropbox.PullHealthIndicator;

/**
 * {@code /actuator/health} component {@code deadLetters}: the broker's dead-letter and expiry queues, where messages
 * end that were never processed — an import announcement ({@code hub.batch.received}) or a pull request whose consumer
 * failed it ten times in a row. DEGRADED while either holds a message, with the first few messages (the queue each was
 * sent to and its batch or source id) for staff; UP when both are empty; UNKNOWN when the broker cannot be asked (the
 * {@code jms} component reports the broker itself). Not DOWN: the hub still works, and a batch whose announcement died
 * is announced again by intake's redispatch while it is RECEIVED. hub/README.md, "Operations", says what to do.
 */
@Component("deadLetters")
public class DeadLetterHealthIndicator implements HealthIndicator {

    /** Messages of each queue shown in the details. */
    static final int SHOWN = 10;

    private final BrokerQueues queues;

    public DeadLetterHealthIndicator(BrokerQueues queues) {
        this.queues = queues;
    }

    @Override
    public Health health() {
        Map<String, Object> details = new LinkedHashMap<>();
        long waiting = 0;
        for (String queue : List.of(BrokerQueues.DEAD_LETTER_QUEUE, BrokerQueues.EXPIRY_QUEUE)) {
            OptionalInt depth = queues.depth(queue);
            if (depth.isEmpty()) {
                return Health.unknown().withDetail("message", "无法读取消息代理的队列").build();
            }
            waiting += depth.getAsInt();
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("messages", depth.getAsInt());
            if (depth.getAsInt() > 0) {
                detail.put("first", queues.first(queue, SHOWN));
            }
            details.put(queue, detail);
        }
        if (waiting == 0) {
            return Health.up().withDetails(details).build();
        }
        details.put("message", "消息代理的死信队列中有" + waiting + "条未处理的消息（多次处理失败或已过期），请查看日志并处理后清除");
        return Health.status(PullHealthIndicator.DEGRADED).withDetails(details).build();
    }
}
