package org.tracehub.jobs.importjob;

import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import jakarta.xml.bind.Unmarshaller;
import jakarta.xml.bind.ValidationEvent;
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
import org.tracehub.platform.staging.StagedEvent;
import org.tracehub.schemas.standard.v1.TraceEvent;
import org.tracehub.schemas.validation.ErrorCodes;
import org.tracehub.schemas.xml.StandardDocumentException;
import org.tracehub.schemas.xml.StandardXml;

/**
 * The staged form of an event (its standard XML, as {@link StandardXml#toXml} writes it), written
 * and read with one marshaller, one unmarshaller and one secure input factory per instance, for the
 * thousands of events of a convert chunk or a load page (the static helpers make a marshaller or an
 * unmarshaller per call). Not thread-safe: one instance per thread.
 *
 * <p>Reading is strict. The load reads back only what the convert step wrote with {@link #write}, so a value that does
 * not convert (a number, a date, an enumeration value the standard does not have) or an element the standard does not
 * have means the staging was damaged or written by another version of the hub. JAXB on its own leaves such a field
 * null and says nothing (an enumeration value it does not even report), and the load stored the event without it;
 * here it fails the load with a {@link StandardDocumentException} naming the batch, the attempt, the row and the field.
 */
final class StagedEventXml {

    private final XMLInputFactory inputs = StandardXml.secureInputFactory();
    private final Unmarshaller unmarshaller;
    private final Marshaller marshaller;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(4096);
    /** The reader the unmarshaller reads now, and what stopped it: set by {@link #refuse}. */
    private StagedXmlReader reading;
    private StagedXmlReader.Unreadable refused;

    StagedEventXml() {
        try {
            unmarshaller = StandardXml.context().createUnmarshaller();
            unmarshaller.setEventHandler(this::refuse);
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
    List<TraceEvent> readAll(List<StagedEvent> page) {
        List<TraceEvent> events = new ArrayList<>(page.size());
        try {
            StagedXmlReader reader = start(inputs.createXMLStreamReader(page(page)), false);
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
            return page.stream().map(this::read).toList();
        }
        if (events.size() != page.size()) {
            return page.stream().map(this::read).toList();
        }
        return events;
    }

    /**
     * The page as one document, {@code <page>…</page>}, read from the events' own strings. Joining them first made a
     * string of the whole page (about 1 MB of UTF-16 for 500 events with Chinese names) whose growth and copies were G1
     * humongous allocations, several per page, each able to start a marking cycle of the whole heap (bench/README,
     * finding 21).
     */
    private static Reader page(List<StagedEvent> page) {
        List<Reader> parts = new ArrayList<>(page.size() + 2);
        parts.add(new StringReader("<page>"));
        page.forEach(event -> parts.add(new StringReader(event.payload())));
        parts.add(new StringReader("</page>"));
        return new SequenceReader(parts);
    }

    /**
     * Reads one staged event as {@link #write} wrote it; refuses a DOCTYPE like {@link StandardXml#fromXml}, and a value
     * or an element the standard does not have (above). Every refusal names the batch, the attempt and the row.
     */
    TraceEvent read(StagedEvent staged) {
        StagedXmlReader reader = null;
        try {
            reader = start(inputs.createXMLStreamReader(new StringReader(staged.payload())), true);
            try {
                StandardXml.toRootElement(reader);
                return unmarshaller.unmarshal(reader, TraceEvent.class).getValue();
            } finally {
                reader.close();
            }
        } catch (StandardDocumentException e) {
            throw new StandardDocumentException(e.code(), of(staged) + " cannot be read back: " + e.getMessage(), e.line(), e);
        } catch (JAXBException | XMLStreamException e) {
            StagedXmlReader.Unreadable unreadable = refused != null ? refused : reader == null ? null : reader.unreadable();
            if (unreadable != null) {
                throw new StandardDocumentException(ErrorCodes.XML_VALUE_INVALID, of(staged) + " cannot be read back: " + unreadable
                        + ". The load reads only what the hub staged: the staging is damaged or another version of the hub wrote it; "
                        + "reprocess the batch to convert its original again", -1, e);
            }
            throw new StandardDocumentException(ErrorCodes.XML_MALFORMED, of(staged) + " is not a trace event of the standard: "
                    + e.getMessage(), -1, e);
        }
    }

    private StagedXmlReader start(XMLStreamReader xml, boolean keepText) {
        reading = new StagedXmlReader(xml, keepText);
        refused = null;
        return reading;
    }

    /**
     * The unmarshaller's event handler: every error stops the read. A value JAXB cannot convert is reported here (at
     * its element's end tag, where the reader stands), and so is an element of no field of the event.
     */
    private boolean refuse(ValidationEvent event) {
        if (event.getSeverity() == ValidationEvent.WARNING) {
            return true;
        }
        refused = reading == null ? new StagedXmlReader.Unreadable("?", null, reason(event)) : reading.unreadable(reason(event));
        return false;
    }

    private static String reason(ValidationEvent event) {
        Throwable cause = event.getLinkedException();
        while (cause != null && cause.getCause() != null && cause.getMessage() != null && cause.getCause().getMessage() != null
                && cause.getMessage().contains(cause.getCause().getMessage())) {
            cause = cause.getCause();   // JAXB's AccessorException around the adapter's own exception
        }
        String message = cause != null && cause.getMessage() != null ? cause.getMessage() : String.valueOf(event.getMessage());
        int expected = message.indexOf(" Expected elements are");
        String reason = (expected < 0 ? message : message.substring(0, expected)).strip();
        return reason.endsWith(".") ? reason.substring(0, reason.length() - 1) : reason;
    }

    private static String of(StagedEvent e) {
        return "the staged event of batch " + e.batchId() + " attempt " + e.attempt() + " row " + e.row();
    }
}
