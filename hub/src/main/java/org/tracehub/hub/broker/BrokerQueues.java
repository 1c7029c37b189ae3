package org.tracehub.hub.broker;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;
import org.tracehub.platform.batch.BatchMessaging;

/**
 * The queues of the hub's broker that monitoring watches, read with a JMS queue browser (the embedded broker and an
 * external one alike; browsing takes nothing off a queue). Besides the hub's own queues, the broker's dead-letter
 * queue ({@value #DEAD_LETTER_QUEUE}: a message whose consumer failed it {@code max-delivery-attempts} times, 10 by
 * Artemis' default) and expiry queue ({@value #EXPIRY_QUEUE}), under the names Spring Boot gives them on the embedded
 * broker and Artemis' own default {@code broker.xml} gives them on an external one.
 */
@Component
public class BrokerQueues {

    /** Where the broker moves a message no consumer could process. */
    public static final String DEAD_LETTER_QUEUE = "DLQ";
    /** Where the broker moves a message whose time to live ran out before a consumer took it. */
    public static final String EXPIRY_QUEUE = "ExpiryQueue";
    /** Every queue whose depth is a meter, in this order. */
    public static final List<String> WATCHED = List.of(BatchMessaging.BATCH_RECEIVED_QUEUE, BatchMessaging.PULL_REQUESTED_QUEUE,
            DEAD_LETTER_QUEUE, EXPIRY_QUEUE);
    /** Counting stops here: a number that large says enough, and browsing further would only load the broker. */
    public static final int CAP = 100_000;
    /** Artemis keeps the queue a message was sent to when it moves it to the dead-letter or expiry queue. */
    static final String ORIGINAL_QUEUE_PROPERTY = "_AMQ_ORIG_ADDRESS";

    private static final Logger log = LoggerFactory.getLogger(BrokerQueues.class);
    private static final int MAX_BODY = 200;

    private final JmsTemplate jms;

    public BrokerQueues(JmsTemplate jms) {
        this.jms = jms;
    }

    /** A message waiting on a queue: the queue it was first sent to and its text (a batch or source id). */
    public record Waiting(String originalQueue, String body) {
    }

    /** Messages waiting on the queue, counted up to {@link #CAP}; empty when the broker cannot be asked. */
    public OptionalInt depth(String queue) {
        try {
            Integer depth = jms.browse(queue, (session, browser) -> {
                int n = 0;
                for (Enumeration<?> e = browser.getEnumeration(); e.hasMoreElements() && n < CAP; e.nextElement()) {
                    n++;
                }
                return n;
            });
            return depth == null ? OptionalInt.empty() : OptionalInt.of(depth);
        } catch (RuntimeException e) {
            log.debug("queue depth of {} not readable", queue, e);
            return OptionalInt.empty();
        }
    }

    /** The first {@code limit} messages waiting on the queue, oldest first; empty when none or the broker cannot be asked. */
    public List<Waiting> first(String queue, int limit) {
        try {
            List<Waiting> first = jms.browse(queue, (session, browser) -> {
                List<Waiting> messages = new ArrayList<>();
                for (Enumeration<?> e = browser.getEnumeration(); e.hasMoreElements() && messages.size() < limit; ) {
                    messages.add(waiting((Message) e.nextElement()));
                }
                return messages;
            });
            return first == null ? List.of() : first;
        } catch (RuntimeException e) {
            log.debug("messages of {} not readable", queue, e);
            return List.of();
        }
    }

    private static Waiting waiting(Message message) throws JMSException {
        String original = message.getStringProperty(ORIGINAL_QUEUE_PROPERTY);
        String body = message instanceof TextMessage text && text.getText() != null ? text.getText() : "";
        if (body.length() > MAX_BODY) {
            body = body.substring(0, MAX_BODY) + "…";
        }
        return new Waiting(original == null ? "" : original, body);
    }
}
