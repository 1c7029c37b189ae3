package org.tracehub.jobs.importjob;

import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import jakarta.xml.bind.Unmarshaller;
import java.io.ByteArrayOutputStream;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.commons.io.input.SequenceReader;
import org.tracehub.schemas.standard.v1.TraceEvent;
import org.tracehub.schemas.validation.ErrorCodes;
import org.tracehub.schemas.xml.StandardDocumentException;
import org.tracehub.schemas.xml.StandardXml;

/**
 * The staged form of an event (its standard XML, as {@link StandardXml#toXml} writes it), written
 * and read with one marshaller, one unmarshaller and one secure input factory per instance, for the
 * thousands of events of a convert chunk or a load page (the static helpers make a marshaller or an
 * unmarshaller per call). Not thread-safe: one instance per thread.
 */
final class StagedEventXml {

    private final XMLInputFactory inputs = StandardXml.secureInputFactory();
    private final Unmarshaller unmarshaller;
    private final Marshaller marshaller;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(4096);

    StagedEventXml() {
        try {
            unmarshaller = StandardXml.context().createUnmarshaller();
            marshaller = StandardXml.context().createMarshaller();
            marshaller.setProperty(Marshaller.JAXB_FRAGMENT, true);
        } catch (JAXBException e) {
            throw new IllegalStateException("the standard's JAXB context is unusable", e);
        }
    }

    /** The event's XML in UTF-8, as it is staged ({@link org.tracehub.platform.staging.NewStagedEvent}). */
    byte[] write(TraceEvent event) {
        try {
            // to bytes, not to a Writer: JAXB then takes its UTF-8 output with pre-encoded names, about twice as fast
            // as its Writer output (which also allocates a new 8 KB buffer per event)
            buffer.reset();
            marshaller.marshal(new JAXBElement<>(StandardXml.EVENT, TraceEvent.class, event), buffer);
            return buffer.toByteArray();
        } catch (JAXBException e) {
            throw new IllegalStateException("cannot write trace event " + event.getEventId(), e);
        }
    }

    /**
     * Reads a page of what {@link #write} wrote, in order, through one XML reader: the events are
     * fragments without a declaration, so the page is one document of them. A reader and an unmarshal
     * per event cost a third of the load's parsing (the StAX reader's set-up, JAXB's per-call state).
     * A page that does not read as one is read event by event, so the failure is the event's own.
     */
    List<TraceEvent> readAll(List<String> payloads) {
        List<TraceEvent> events = new ArrayList<>(payloads.size());
        try {
            XMLStreamReader reader = inputs.createXMLStreamReader(page(payloads));
            try {
                StandardXml.toRootElement(reader);
                reader.nextTag();
                while (reader.getEventType() == XMLStreamConstants.START_ELEMENT) {
                    // JAXB leaves the reader on the token after the event's end tag: the next event's start tag, or </page>
                    events.add(unmarshaller.unmarshal(reader, TraceEvent.class).getValue());
                    if (!reader.isStartElement() && !reader.isEndElement()) {
                        reader.nextTag();
                    }
                }
            } finally {
                reader.close();
            }
        } catch (JAXBException | XMLStreamException | RuntimeException e) {
            return payloads.stream().map(this::read).toList();
        }
        if (events.size() != payloads.size()) {
            return payloads.stream().map(this::read).toList();
        }
        return events;
    }

    /**
     * The page as one document, {@code <page>…</page>}, read from the events' own strings. Joining them first made a
     * string of the whole page (about 1 MB of UTF-16 for 500 events with Chinese names) whose growth and copies were G1
     * humongous allocations, several per page, each able to start a marking cycle of the whole heap (bench/README,
     * finding 21).
     */
    private static Reader page(List<String> payloads) {
        List<Reader> parts = new ArrayList<>(payloads.size() + 2);
        parts.add(new StringReader("<page>"));
        payloads.forEach(payload -> parts.add(new StringReader(payload)));
        parts.add(new StringReader("</page>"));
        return new SequenceReader(parts);
    }

    /** Reads what {@link #write} wrote; refuses a DOCTYPE like {@link StandardXml#fromXml}. */
    TraceEvent read(String xml) {
        try {
            XMLStreamReader reader = inputs.createXMLStreamReader(new StringReader(xml));
            try {
                StandardXml.toRootElement(reader);
                return unmarshaller.unmarshal(reader, TraceEvent.class).getValue();
            } finally {
                reader.close();
            }
        } catch (JAXBException | XMLStreamException e) {
            throw new StandardDocumentException(ErrorCodes.XML_MALFORMED, "not a trace event of the standard: " + e.getMessage(), -1, e);
        }
    }
}
