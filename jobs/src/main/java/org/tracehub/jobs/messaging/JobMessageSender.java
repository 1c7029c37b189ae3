package org.tracehub.jobs.messaging;

import jakarta.jms.Session;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.jms.core.MessageCreator;
import org.springframework.stereotype.Component;
import org.tracehub.platform.messaging.TimedSender;

/**
 * Sends the jobs' messages — a batch's report on {@code hub.batch.completed}, a pull request on {@code hub.pull.requested},
 * the sync's summary on {@code hub.sync.completed} — and gives a send up after {@code hub.jobs.send-timeout}
 * ({@link TimedSender}).
 *
 * <p>A broker that cannot store a message does not refuse it: it stops granting the producer credits, and the Artemis
 * client waits for them for ever ({@code ClientProducerCreditsImpl.actualAcquire}, with only a warning every ten
 * seconds). The embedded broker does so below {@code hub.broker.min-disk-free}; an external one when its disk or an
 * address is full. A step that sends was then held for ever inside its database transaction — the nightly sync's summary
 * step, in the operations review, while the purge that would have freed the disk waited behind it. So each send runs on a
 * sender thread while the step waits for it at most the timeout; then the sender is interrupted (which ends the client's
 * wait; the message is not sent) and the step fails with {@link MessageNotSentException}, which says why. What the
 * message was for is then taken up as before a crash: a missing receipt by the receipt redelivery, a pull by the next
 * run, a summary is in the step's context and the log.
 *
 * <p>Sends are not transacted (the application's {@code JmsTemplate} is not), so sending on another thread changes
 * nothing of when the message goes.
 */
@Component
public class JobMessageSender implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(JobMessageSender.class);

    private final JmsTemplate queues;
    private final JmsTemplate topics;
    private final Duration timeout;
    private final TimedSender sender = new TimedSender("jms-send");

    public JobMessageSender(JmsTemplate jmsTemplate, @Value("${hub.jobs.send-timeout:30s}") Duration timeout) {
        this.queues = jmsTemplate;
        this.topics = new JmsTemplate(jmsTemplate.getConnectionFactory());
        this.topics.setPubSubDomain(true);
        this.timeout = timeout;
    }

    /** A text message on a queue. */
    public void sendToQueue(String queue, String text) {
        send(queues, queue, session -> session.createTextMessage(text));
    }

    /** A message on a topic. */
    public void publish(String topic, MessageCreator message) {
        send(topics, topic, message);
    }

    /** A text message on a topic. */
    public void publish(String topic, String text) {
        publish(topic, (Session session) -> session.createTextMessage(text));
    }

    private void send(JmsTemplate template, String destination, MessageCreator message) {
        try {
            sender.send(() -> {
                template.send(destination, message);
                return null;
            }, timeout);
        } catch (TimeoutException e) {
            String why = "the broker took no message for " + destination + " within " + timeout + " (hub.jobs.send-timeout): its "
                    + "disk below hub.broker.min-disk-free, or an address full? the send was given up";
            log.error(why);
            throw new MessageNotSentException(why, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MessageNotSentException("interrupted while sending to " + destination + "; the send was given up", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure; // the JmsException the template threw, as before
            }
            throw new MessageNotSentException("could not send to " + destination + ": " + e.getCause(), e.getCause());
        }
    }

    @Override
    public void destroy() {
        sender.close();
    }
}
