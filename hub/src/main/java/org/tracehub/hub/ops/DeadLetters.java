package org.tracehub.hub.ops;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;
import org.tracehub.hub.broker.BrokerQueues;

/**
 * Empties the broker's dead-letter and expiry queues once an admin has looked into what they hold (the
 * {@code deadLetters} health component lists it; the log says why each failed). Nothing is lost that the hub needs: a
 * batch whose announcement died is still RECEIVED in the database, and intake's redispatch announces it again; a pull
 * request is made again by the next sync or the source's cron. Each removed message is logged and returned.
 */
@Component("deadLetterQueues")
public class DeadLetters {

    /** How long a receive waits for the broker to hand over the next message of a queue. */
    static final long RECEIVE_TIMEOUT_MILLIS = 500;

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final JmsTemplate jms;

    public DeadLetters(ConnectionFactory connectionFactory) {
        this.jms = new JmsTemplate(connectionFactory);
        this.jms.setReceiveTimeout(RECEIVE_TIMEOUT_MILLIS);
    }

    /** A removed message: the queue it was taken from, the queue it was first sent to, its text. */
    public record Removed(String queue, String originalQueue, String body) {
    }

    public List<Removed> clear() {
        List<Removed> removed = new ArrayList<>();
        for (String queue : List.of(BrokerQueues.DEAD_LETTER_QUEUE, BrokerQueues.EXPIRY_QUEUE)) {
            for (Message message = jms.receive(queue); message != null; message = jms.receive(queue)) {
                Removed one = removed(queue, message);
                log.warn("removed from {}: a message for {}: {}", queue, one.originalQueue(), one.body());
                removed.add(one);
            }
        }
        return removed;
    }

    private static Removed removed(String queue, Message message) {
        try {
            String original = message.getStringProperty("_AMQ_ORIG_ADDRESS");
            String body = message instanceof TextMessage text && text.getText() != null ? text.getText() : "";
            return new Removed(queue, original == null ? "" : original, body);
        } catch (JMSException e) {
            return new Removed(queue, "", "");
        }
    }
}
