package org.tracehub.routes.config;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.Expression;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.tracehub.platform.messaging.TimedSender;

/**
 * Sends to an endpoint and gives the send up after {@code hub.routes.send-timeout}: the routes' JMS sends.
 *
 * <p>A broker that cannot store a message blocks the send for ever ({@link TimedSender} says why; Camel's
 * {@code requestTimeout} bounds only request-reply). The route's thread stopped with it: intake's single consumer, and with
 * it every later file, or an HTTP upload that waited for its batch id. So the send runs on a sender thread while the route
 * waits at most the timeout; then it is given up and the route gets a {@link SendTimedOutException} saying what was not
 * sent.
 *
 * <p>The send works on a copy of the exchange, always InOnly: a send given up never changes the route's exchange later.
 */
@Component
public class BoundedSends implements DisposableBean {

    private final Duration timeout;
    private final TimedSender sender = new TimedSender("route-send");
    private volatile ProducerTemplate template;

    public BoundedSends(@Value("${hub.routes.send-timeout:30s}") Duration timeout) {
        this.timeout = timeout;
    }

    /**
     * A processor that sends the exchange to {@code uri} within the timeout.
     *
     * @param what what the message is for, evaluated on the exchange only when the send is given up (for the log)
     */
    public Processor to(String uri, Expression what) {
        return exchange -> send(uri, what, exchange);
    }

    private void send(String uri, Expression what, Exchange exchange) throws Exception {
        Exchange copy = exchange.copy();
        copy.setPattern(ExchangePattern.InOnly);
        ProducerTemplate template = template(exchange);
        try {
            Exchange done = sender.send(() -> template.send(uri, copy), timeout);
            if (done.getException() != null) {
                throw done.getException(); // the send's own failure, retried by the route as before
            }
        } catch (TimeoutException e) {
            throw new SendTimedOutException("the broker took no message for " + uri + " within " + timeout
                    + " (hub.routes.send-timeout), its disk or the address full? Given up: " + what.evaluate(exchange, String.class));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SendTimedOutException("interrupted while sending to " + uri + "; given up: "
                    + what.evaluate(exchange, String.class));
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception failure ? failure : e;
        }
    }

    /** One template for every send, made from the routes' context on first use (the routes are built before it runs). */
    private ProducerTemplate template(Exchange exchange) {
        ProducerTemplate made = template;
        if (made == null) {
            synchronized (this) {
                made = template;
                if (made == null) {
                    made = exchange.getContext().createProducerTemplate();
                    template = made;
                }
            }
        }
        return made;
    }

    @Override
    public void destroy() {
        sender.close();
        ProducerTemplate made = template;
        if (made != null) {
            made.stop();
        }
    }
}
