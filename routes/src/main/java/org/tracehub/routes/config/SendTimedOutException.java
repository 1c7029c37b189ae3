package org.tracehub.routes.config;

/**
 * A send the broker did not take within {@code hub.routes.send-timeout}: it was given up (the message did not go, or at
 * worst went once more than needed). Route configuration {@value HubErrorHandling#ID} does not retry it in the route.
 * It carries no cause on purpose: Camel picks the {@code onException} clause by the deepest cause first, and a
 * {@code TimeoutException} there would be retried as any {@code Exception}.
 */
public class SendTimedOutException extends RuntimeException {

    public SendTimedOutException(String message) {
        super(message);
    }
}
