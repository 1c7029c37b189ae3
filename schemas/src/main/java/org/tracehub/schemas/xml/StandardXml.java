package org.tracehub.schemas.xml;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import jakarta.xml.bind.Unmarshaller;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URL;
import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.tracehub.schemas.standard.v1.TraceEvent;
import org.tracehub.schemas.validation.ErrorCodes;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * The standard's XML binding: one shared JAXB context, secure parser factories (no DTDs, no
 * external entities, no external schemas), the shipped XSD, and single-event (de)serialisation
 * used for staging.
 */
public final class StandardXml {

    public static final String NAMESPACE = "urn:shanghai:trace:standard:1";
    public static final String VERSION = "1.0";
    public static final QName EVENT = new QName(NAMESPACE, "event");
    public static final QName DOCUMENT = new QName(NAMESPACE, "traceDocument");
    /** The XSD on the classpath. */
    public static final String XSD_RESOURCE = "/xsd/trace-standard-1.xsd";

    private static final JAXBContext CONTEXT = createContext();
    /**
     * {@link XMLInputFactory#newFactory()} looks the implementation up on the class path each time (several
     * milliseconds in the packaged hub), and a trace query parses dozens of stored events: one factory per
     * thread, since the JDK does not promise that a factory may be shared between threads.
     */
    private static final ThreadLocal<XMLInputFactory> INPUTS = ThreadLocal.withInitial(StandardXml::secureInputFactory);

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

    /**
     * The shipped XSD, loaded once from the classpath by a {@link #secureSchemaFactory()}: the
     * schema includes nothing, and the factory would refuse to fetch anything it did.
     */
    public static Schema schema() {
        return SchemaHolder.SCHEMA;
    }

    /**
     * A schema factory that never fetches: external DTDs and external schemas (xs:import,
     * xs:include, xs:redefine) are refused, and secure processing limits apply.
     */
    public static SchemaFactory secureSchemaFactory() {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        try {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        } catch (SAXException e) {
            throw new IllegalStateException("the XML schema factory cannot be made secure", e);
        }
        return factory;
    }

    /**
     * A namespace-aware SAX reader that refuses any DOCTYPE (so no entity of any kind, internal or
     * external, is ever declared) and never loads external DTDs or entities.
     */
    public static XMLReader secureXmlReader() {
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setXIncludeAware(false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            XMLReader reader = factory.newSAXParser().getXMLReader();
            reader.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            reader.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return reader;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("the SAX parser cannot be made secure", e);
        }
    }

    /**
     * Whether XML 1.0 can carry a code point: tab, line feed, carriage return, and everything from U+0020 but the
     * surrogates (a lone one is no character) and U+FFFE / U+FFFF.
     */
    public static boolean isXmlChar(int codePoint) {
        return codePoint == 0x9 || codePoint == 0xA || codePoint == 0xD || (codePoint >= 0x20 && codePoint <= 0xD7FF)
                || (codePoint >= 0xE000 && codePoint <= 0xFFFD) || (codePoint >= 0x10000 && codePoint <= 0x10FFFF);
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

    /**
     * One event, as {@link #toXml(TraceEvent)} wrote it. Refuses a DOCTYPE before anything in it is
     * read, with a {@link StandardDocumentException} (an IllegalArgumentException) of code
     * {@code XML_DOCTYPE_FORBIDDEN}; a value that cannot be converted is {@code XML_VALUE_INVALID}, naming the element;
     * anything else unreadable is {@code XML_MALFORMED}.
     */
    public static TraceEvent fromXml(String xml) {
        try {
            Unmarshaller unmarshaller = CONTEXT.createUnmarshaller();
            XMLStreamReader reader = INPUTS.get().createXMLStreamReader(new StringReader(xml));
            ConversionFailures failures = new ConversionFailures(reader);
            unmarshaller.setEventHandler(failures);
            toRootElement(reader);
            try {
                return unmarshaller.unmarshal(reader, TraceEvent.class).getValue();
            } catch (JAXBException e) {
                if (failures.failure() != null) {
                    throw failures.failure();
                }
                throw e;
            }
        } catch (JAXBException | XMLStreamException e) {
            throw new StandardDocumentException(ErrorCodes.XML_MALFORMED,
                    "not a trace event of the standard: " + e.getMessage(), -1, e);
        }
    }

    /**
     * Advances to the root element. The secure factory merely ignores a DOCTYPE it does not expand;
     * a standard document never has one, so it is refused rather than silently skipped.
     */
    public static void toRootElement(XMLStreamReader reader) throws XMLStreamException {
        while (reader.getEventType() != XMLStreamConstants.START_ELEMENT && reader.hasNext()) {
            if (reader.getEventType() == XMLStreamConstants.DTD) {
                throw new StandardDocumentException(ErrorCodes.XML_DOCTYPE_FORBIDDEN,
                        "not a trace event of the standard: a DOCTYPE is not allowed（标准文档不允许DOCTYPE声明）",
                        reader.getLocation().getLineNumber(), null);
            }
            reader.next();
        }
    }

    /** Loaded on first use, so that code which never validates never parses the XSD. */
    private static final class SchemaHolder {
        static final Schema SCHEMA = load();

        private static Schema load() {
            URL xsd = StandardXml.class.getResource(XSD_RESOURCE);
            if (xsd == null) {
                throw new IllegalStateException("the standard's XSD is missing from the classpath: " + XSD_RESOURCE);
            }
            try {
                return secureSchemaFactory().newSchema(xsd);
            } catch (SAXException e) {
                throw new IllegalStateException("the standard's XSD cannot be loaded", e);
            }
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
