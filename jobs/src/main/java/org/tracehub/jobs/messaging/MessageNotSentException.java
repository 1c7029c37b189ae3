package org.tracehub.jobs.messaging;

/** The broker did not take a message within {@code hub.jobs.send-timeout}; the send was given up. */
public class MessageNotSentException extends RuntimeException {

    public MessageNotSentException(String message, Throwable cause) {
        super(message, cause);
    }
}
