package org.tracehub.hub.console;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.ConnectionFactory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.jms.core.JmsTemplate;
import org.tracehub.hub.broker.BrokerQueues;
import org.tracehub.platform.batch.BatchMessaging;

/**
 * A message the broker gave up on (moved to its dead-letter queue after its consumer failed it ten times) shows in
 * {@code tracehub_queue_depth{queue="DLQ"}} and turns the {@code deadLetters} health component DEGRADED, naming the
 * queue it was sent to and its batch id; every other watched queue has its own series.
 */
class DeadLetterMonitoringTest extends ConsoleTestSupport {

    @Autowired
    ConnectionFactory connectionFactory;

    @AfterEach
    void emptyTheDeadLetterQueue() {
        JmsTemplate jms = new JmsTemplate(connectionFactory);
        jms.setReceiveTimeout(JmsTemplate.RECEIVE_TIMEOUT_NO_WAIT);
        while (jms.receive(BrokerQueues.DEAD_LETTER_QUEUE) != null) {
            // drained, so the shared context's health is UP again for the other tests
        }
    }

    @Test
    void anEmptyDeadLetterQueueIsUpAndEveryWatchedQueueHasADepth() {
        String scrape = scrape();
        for (String queue : List.of("hub.batch.received", "hub.pull.requested", "DLQ", "ExpiryQueue")) {
            assertThat(MetricsScrapeTest.value(scrape, "tracehub_queue_depth", "queue=\"" + queue + "\"")).as(queue).isEqualTo(0.0);
        }
        assertThat(component("deadLetters")).containsEntry("status", "UP");
    }

    @Test
    void aDeadLetterIsCountedAndMakesTheHealthDegradedNamingItsQueueAndBatch() {
        new JmsTemplate(connectionFactory).convertAndSend(BrokerQueues.DEAD_LETTER_QUEUE, "B-DEAD-0001", message -> {
            message.setStringProperty("_AMQ_ORIG_ADDRESS", BatchMessaging.BATCH_RECEIVED_QUEUE);
            return message;
        });

        assertThat(MetricsScrapeTest.value(scrape(), "tracehub_queue_depth", "queue=\"DLQ\"")).isEqualTo(1.0);
        Map<String, Object> deadLetters = component("deadLetters");
        assertThat(deadLetters).containsEntry("status", "DEGRADED");
        @SuppressWarnings("unchecked")
        Map<String, Object> details = (Map<String, Object>) deadLetters.get("details");
        assertThat((String) details.get("message")).startsWith("消息代理的死信队列中有1条未处理的消息");
        assertThat(details.get("DLQ")).isEqualTo(Map.of("messages", 1,
                "first", List.of(Map.of("originalQueue", "hub.batch.received", "body", "B-DEAD-0001"))));
        assertThat(details.get("ExpiryQueue")).isEqualTo(Map.of("messages", 0));
        Map<String, Object> health = http().get().uri("/actuator/health")
                .retrieve().body(new ParameterizedTypeReference<Map<String, Object>>() { });
        assertThat(health).as("the hub stays in service").containsEntry("status", "DEGRADED");
    }

    private String scrape() {
        return http().get().uri("/actuator/prometheus").retrieve().body(String.class);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> component(String name) {
        Map<String, Object> health = http().get().uri("/actuator/health")
                .retrieve().body(new ParameterizedTypeReference<Map<String, Object>>() { });
        return (Map<String, Object>) ((Map<String, Object>) health.get("components")).get(name);
    }
}
