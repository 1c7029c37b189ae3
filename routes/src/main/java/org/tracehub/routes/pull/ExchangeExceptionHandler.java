package org.tracehub.routes.pull;

import org.apache.camel.spi.ExceptionHandler;

/** Camel's {@link ExceptionHandler} whose two shorter forms go to the one with the exchange (none for them). */
interface ExchangeExceptionHandler extends ExceptionHandler {

    @Override
    default void handleException(String message, Throwable exception) {
        handleException(message, null, exception);
    }

    @Override
    default void handleException(Throwable exception) {
        handleException(null, null, exception);
    }
}
