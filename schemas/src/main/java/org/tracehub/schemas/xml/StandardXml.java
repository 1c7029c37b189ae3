package org.tracehub.schemas.xml;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import jakarta.xml.bind.Unmarshaller;
import java.io.StringReader;
import java.io.StringWriter;
import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.tracehub.schemas.standard.v1.TraceEvent;

/**
 * The standard's XML binding: one shared JAXB context, secure parser factories (no DTDs, no
 * external entities), and single-event (de)serialisation used for staging.
 */
public final class StandardXml {

    public static final String NAMESPACE = "urn:shanghai:trace:standard:1";
    public static final String VERSION = "1.0";
    public static final QName EVENT = new QName(NAMESPACE, "event");

    private static final JAXBContext CONTEXT = createContext();

    private StandardXml() {
    }

    public static JAXBContext context() {
        return CONTEXT;
    }

    /** A StAX input factory that refuses DTDs and external entities. */
    public static XMLInputFactory secureInputFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        // Woodstox (if it ever lands on the classpath) rejects this JAXP property; DTDs are off regardless.
        if (factory.isPropertySupported(XMLConstants.ACCESS_EXTERNAL_DTD)) {
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        }
        return factory;
    }

    public static String toXml(TraceEvent event) {
        try {
            Marshaller marshaller = CONTEXT.createMarshaller();
            marshaller.setProperty(Marshaller.JAXB_FRAGMENT, true);
            StringWriter out = new StringWriter();
            marshaller.marshal(new JAXBElement<>(EVENT, TraceEvent.class, event), out);
            return out.toString();
        } catch (JAXBException e) {
            throw new IllegalStateException("cannot write trace event " + event.getEventId(), e);
        }
    }

    public static TraceEvent fromXml(String xml) {
        try {
            Unmarshaller unmarshaller = CONTEXT.createUnmarshaller();
            XMLStreamReader reader = secureInputFactory().createXMLStreamReader(new StringReader(xml));
            refuseDoctype(reader);
            return unmarshaller.unmarshal(reader, TraceEvent.class).getValue();
        } catch (JAXBException | XMLStreamException e) {
            throw new IllegalArgumentException("not a trace event of the standard: " + e.getMessage(), e);
        }
    }

    /**
     * Advances to the root element. The secure factory merely ignores a DOCTYPE it does not expand;
     * a standard document never has one, so it is refused rather than silently skipped.
     */
    private static void refuseDoctype(XMLStreamReader reader) throws XMLStreamException {
        while (reader.getEventType() != XMLStreamConstants.START_ELEMENT && reader.hasNext()) {
            if (reader.getEventType() == XMLStreamConstants.DTD) {
                throw new XMLStreamException("a DOCTYPE is not allowed", reader.getLocation());
            }
            reader.next();
        }
    }

    private static JAXBContext createContext() {
        try {
            return JAXBContext.newInstance(TraceEvent.class.getPackageName(), StandardXml.class.getClassLoader());
        } catch (JAXBException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
