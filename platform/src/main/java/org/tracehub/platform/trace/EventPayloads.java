package org.tracehub.platform.trace;

import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Unmarshaller;
import java.io.StringReader;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import org.tracehub.schemas.standard.v1.TraceEvent;
import org.tracehub.schemas.xml.StandardXml;

/**
 * Reads the stored standard XML of an event on the query path. The payload was written by the
 * store itself; the parser factory (secure: no DTDs, no external entities) is made once per thread
 * instead of once per event, which matters when a chain shows hundreds of events.
 */
final class EventPayloads {

    private static final ThreadLocal<XMLInputFactory> FACTORY = ThreadLocal.withInitial(StandardXml::secureInputFactory);

    private EventPayloads() {
    }

    static TraceEvent read(String xml) {
        try {
            return read(StandardXml.context().createUnmarshaller(), xml);
        } catch (JAXBException e) {
            throw new IllegalStateException("stored event is not a trace event of the standard: " + e.getMessage(), e);
        }
    }

    /** With an unmarshaller of the caller's: one for many payloads, as making one costs about as much as a small event's read. */
    static TraceEvent read(Unmarshaller unmarshaller, String xml) {
        try {
            return unmarshaller.unmarshal(FACTORY.get().createXMLStreamReader(new StringReader(xml)), TraceEvent.class).getValue();
        } catch (JAXBException | XMLStreamException e) {
            throw new IllegalStateException("stored event is not a trace event of the standard: " + e.getMessage(), e);
        }
    }

    /** An unmarshaller for {@link #read(Unmarshaller, String)}, used on one thread. */
    static Unmarshaller unmarshaller() {
        try {
            return StandardXml.context().createUnmarshaller();
        } catch (JAXBException e) {
            throw new IllegalStateException("the standard's JAXB context makes no unmarshaller: " + e.getMessage(), e);
        }
    }
}
