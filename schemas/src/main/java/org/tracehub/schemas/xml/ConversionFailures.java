package org.tracehub.schemas.xml;

import jakarta.xml.bind.ValidationEvent;
import jakarta.xml.bind.ValidationEventHandler;
import javax.xml.stream.XMLStreamReader;
import org.tracehub.schemas.validation.ErrorCodes;

/**
 * The unmarshaller's event handler: a value JAXB cannot convert (an adapter's date or time, a decimal, an integer)
 * stops the read and becomes a {@link StandardDocumentException} ({@code XML_VALUE_INVALID}) naming the element.
 * Without it JAXB reports the failure to no one and leaves the field null, so a valid document lost a date in silence
 * and a required one then read as missing. Events without an exception (an element this revision does not know,
 * which a later 1.x revision may add) are let through, as the standard's versioning promises.
 */
final class ConversionFailures implements ValidationEventHandler {

    private final XMLStreamReader xml;
    private String where = "";
    private StandardDocumentException failure;

    ConversionFailures(XMLStreamReader xml) {
        this.xml = xml;
    }

    /** What is being read, for the message: 第3条事件. Empty for the header and the trailer. */
    void reading(String where) {
        this.where = where;
        this.failure = null;
    }

    @Override
    public boolean handleEvent(ValidationEvent event) {
        if (event.getSeverity() == ValidationEvent.WARNING || event.getLinkedException() == null) {
            return true;
        }
        // JAXB converts an element's text at its end tag, where the stream reader still stands
        String element = xml.hasName() ? xml.getLocalName() : "?";
        long line = event.getLocator() != null && event.getLocator().getLineNumber() > 0 ? event.getLocator().getLineNumber() : -1;
        failure = new StandardDocumentException(ErrorCodes.XML_VALUE_INVALID, (line > 0 ? "第" + line + "行：" : "") + where
                + "元素<" + element + ">的值无法读取：" + reason(event.getLinkedException()), line, event.getLinkedException());
        return false;
    }

    /** The failure that stopped the last read, or null when it stopped for another reason. */
    StandardDocumentException failure() {
        return failure;
    }

    private static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ValueNotReadableException unreadable) {
                return unreadable.getMessage();
            }
            if (t instanceof NumberFormatException) {
                return "不是有效的数值（" + t.getMessage() + "）";
            }
        }
        return String.valueOf(e.getMessage());
    }
}
