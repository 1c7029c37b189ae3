package org.tracehub.schemas.xml;

/**
 * An element's text an adapter cannot convert, with a Chinese reason naming the value. JAXB reports it as a validation
 * event, which {@link ConversionFailures} turns into a {@link StandardDocumentException} naming the element.
 */
final class ValueNotReadableException extends IllegalArgumentException {

    ValueNotReadableException(String message, Throwable cause) {
        super(message, cause);
    }
}
