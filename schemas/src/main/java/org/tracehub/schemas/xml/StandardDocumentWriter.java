package org.tracehub.schemas.xml;

import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import java.io.OutputStream;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.tracehub.schemas.standard.v1.TraceEvent;

/**
 * Writes a standard document streaming: the header, then one event at a time (JAXB per event onto
 * StAX), then the trailer with the count. Memory stays flat whatever the number of events.
 */
public final class StandardDocumentWriter implements AutoCloseable {

    private final XMLStreamWriter xml;
    private final Marshaller marshaller;
    private long count;

    public StandardDocumentWriter(OutputStream out, String sourceId, String batchId, OffsetDateTime created) {
        try {
            this.xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            this.marshaller = StandardXml.context().createMarshaller();
            marshaller.setProperty(Marshaller.JAXB_FRAGMENT, true);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.setDefaultNamespace(StandardXml.NAMESPACE);
            xml.writeStartElement(StandardXml.NAMESPACE, "traceDocument");
            xml.writeDefaultNamespace(StandardXml.NAMESPACE);
            xml.writeAttribute("version", StandardXml.VERSION);
            xml.writeCharacters("\n  ");
            xml.writeStartElement(StandardXml.NAMESPACE, "header");
            element("sourceId", sourceId);
            if (batchId != null) {
                element("batchId", batchId);
            }
            element("created", created.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
            xml.writeEndElement();
        } catch (XMLStreamException | JAXBException e) {
            throw new IllegalStateException("cannot start standard document", e);
        }
    }

    public void write(TraceEvent event) {
        try {
            xml.writeCharacters("\n  ");
            marshaller.marshal(new JAXBElement<>(StandardXml.EVENT, TraceEvent.class, event), xml);
            count++;
        } catch (XMLStreamException | JAXBException e) {
            throw new IllegalStateException("cannot write trace event " + event.getEventId(), e);
        }
    }

    public long count() {
        return count;
    }

    @Override
    public void close() {
        try {
            xml.writeCharacters("\n  ");
            xml.writeStartElement(StandardXml.NAMESPACE, "trailer");
            element("eventCount", Long.toString(count));
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.writeCharacters("\n");
            xml.flush();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot finish standard document", e);
        }
    }

    private void element(String name, String value) throws XMLStreamException {
        xml.writeStartElement(StandardXml.NAMESPACE, name);
        xml.writeCharacters(value);
        xml.writeEndElement();
    }
}
