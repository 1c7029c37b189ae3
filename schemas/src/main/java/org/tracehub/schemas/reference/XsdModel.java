package org.tracehub.schemas.reference;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.tracehub.schemas.xml.StandardXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The shipped XSD read as data (secure DOM, no DOCTYPE): which element of which complex type has
 * which type and cardinality, and the facets of each simple type.
 */
final class XsdModel {

    private static final String XS = XMLConstants.W3C_XML_SCHEMA_NS_URI;

    /** One element declared in a complex type. */
    record Child(String name, String type, boolean required, boolean repeated) {
    }

    /** One named simple type: its base and its facets in document order (pattern, lengths, enumerations). */
    record SimpleType(String name, String base, List<String> patterns, String minLength, String maxLength, List<String> enumeration) {
    }

    private final Map<String, Map<String, Child>> complexTypes = new LinkedHashMap<>();
    private final Map<String, SimpleType> simpleTypes = new LinkedHashMap<>();

    XsdModel() {
        Document xsd = parse();
        for (Element type : children(xsd.getDocumentElement(), "complexType")) {
            Map<String, Child> elements = new LinkedHashMap<>();
            collect(type, elements);
            complexTypes.put(type.getAttribute("name"), elements);
        }
        for (Element type : children(xsd.getDocumentElement(), "simpleType")) {
            Element restriction = children(type, "restriction").get(0);
            List<String> patterns = new ArrayList<>();
            List<String> values = new ArrayList<>();
            String min = null;
            String max = null;
            for (Element facet : children(restriction, null)) {
                String value = facet.getAttribute("value");
                switch (facet.getLocalName()) {
                    case "pattern" -> patterns.add(value);
                    case "enumeration" -> values.add(value);
                    case "minLength" -> min = value;
                    case "maxLength" -> max = value;
                    default -> { }
                }
            }
            simpleTypes.put(type.getAttribute("name"),
                    new SimpleType(type.getAttribute("name"), restriction.getAttribute("base"), patterns, min, max, values));
        }
    }

    /** The elements of a complex type, by name, or an empty map for a type with simple content. */
    Map<String, Child> elementsOf(String complexType) {
        return complexTypes.getOrDefault(strip(complexType), Map.of());
    }

    boolean isComplex(String type) {
        return complexTypes.containsKey(strip(type));
    }

    Map<String, SimpleType> simpleTypes() {
        return simpleTypes;
    }

    /** {@code ts:Code} → {@code Code}; XML Schema built-ins keep their {@code xs:} prefix. */
    static String strip(String type) {
        return type.startsWith("ts:") ? type.substring(3) : type;
    }

    private void collect(Element parent, Map<String, Child> into) {
        for (Element child : children(parent, null)) {
            if (child.getLocalName().equals("element")) {
                String type = child.hasAttribute("type") ? child.getAttribute("type") : child.getAttribute("ref");
                into.put(child.hasAttribute("name") ? child.getAttribute("name") : strip(type),
                        new Child(child.getAttribute("name"), type, !"0".equals(child.getAttribute("minOccurs")),
                                "unbounded".equals(child.getAttribute("maxOccurs"))));
            } else if (!child.getLocalName().equals("attribute")) {
                collect(child, into);
            }
        }
    }

    private static List<Element> children(Element parent, String localName) {
        List<Element> result = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node instanceof Element e && XS.equals(e.getNamespaceURI()) && (localName == null || localName.equals(e.getLocalName()))) {
                result.add(e);
            }
        }
        return result;
    }

    private static Document parse() {
        try (InputStream in = XsdModel.class.getResourceAsStream(StandardXml.XSD_RESOURCE)) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            DocumentBuilder builder = factory.newDocumentBuilder();
            return builder.parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("the shipped XSD cannot be read", e);
        }
    }
}
