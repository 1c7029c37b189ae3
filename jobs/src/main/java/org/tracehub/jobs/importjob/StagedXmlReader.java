package org.tracehub.jobs.importjob;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlEnum;
import jakarta.xml.bind.annotation.XmlEnumValue;
import jakarta.xml.bind.annotation.XmlTransient;
import jakarta.xml.bind.annotation.XmlType;
import jakarta.xml.bind.annotation.XmlValue;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.util.StreamReaderDelegate;
import org.tracehub.schemas.standard.v1.TraceEvent;
import org.tracehub.schemas.xml.StandardXml;

/**
 * The XML reader {@link StagedEventXml} hands JAXB: it knows where in an event it stands (the path of the field, for a
 * refusal's message), and it refuses an enumeration value the standard does not have, which JAXB turns into null
 * without telling its event handler (a category, step, node type, certificate type or test result of a newer
 * standard, or a damaged one). The enumerations' elements and values are read from the JAXB classes once, so a field
 * added to the standard is known without a change here.
 *
 * <p>Every event goes through {@link #next}: {@link #nextTag} and {@link #getElementText} are built on it, so that no
 * element is passed by unseen.
 */
final class StagedXmlReader extends StreamReaderDelegate {

    /** What stopped a read: the field (its path inside the event), its text when known, and why. */
    record Unreadable(String field, String value, String reason) {
        @Override
        public String toString() {
            return "its field " + field + (value == null ? "" : " holds “" + value + "”, which") + " does not convert: " + reason;
        }
    }

    /** Elements of the event, from its root: their children, and for an enumeration its values. */
    private static final class Node {
        final Map<String, Node> children = new HashMap<>();
        Set<String> values;
    }

    /** Above the event: a page of events ({@code <page>}) or a single one. */
    private static final Node DOCUMENT = document();

    private final boolean keepText;
    private String[] names = new String[16];
    private Node[] nodes = new Node[16];
    /** Elements open; {@code names[depth - 1]} is the innermost. */
    private int depth;
    /** The depth of the event element, as {@link #depth} is once it is open; 0 outside of one. */
    private int eventDepth;
    /** The last event was an end tag: the element it closed is {@code names[depth]}. */
    private boolean atEnd;
    private final StringBuilder text = new StringBuilder();
    private Unreadable unreadable;

    /**
     * @param keepText keep every field's text, for a refusal's message (reading one event after a page failed); a page
     *                 read keeps only the text of enumerations, which it checks
     */
    StagedXmlReader(XMLStreamReader reader, boolean keepText) {
        super(reader);
        this.keepText = keepText;
    }

    /** The enumeration value this reader refused, if it did. */
    Unreadable unreadable() {
        return unreadable;
    }

    /** What JAXB refused where the reader stands: the element just closed (a value is converted at its end tag), or just opened. */
    Unreadable unreadable(String reason) {
        int end = atEnd ? depth + 1 : depth;
        String value = atEnd && keepText ? text.toString() : null;
        return new Unreadable(path(end), value, reason);
    }

    @Override
    public int next() throws XMLStreamException {
        int event = super.next();
        atEnd = false;
        switch (event) {
            case XMLStreamConstants.START_ELEMENT -> enter(getLocalName());
            case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                if (keepText || innermostIsEnumeration()) {
                    text.append(getTextCharacters(), getTextStart(), getTextLength());
                }
            }
            case XMLStreamConstants.END_ELEMENT -> leave();
            default -> { }
        }
        return event;
    }

    @Override
    public int nextTag() throws XMLStreamException {
        int event = next();
        while (event == XMLStreamConstants.SPACE || event == XMLStreamConstants.COMMENT
                || event == XMLStreamConstants.PROCESSING_INSTRUCTION
                || (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) && isWhiteSpace()) {
            event = next();
        }
        if (event != XMLStreamConstants.START_ELEMENT && event != XMLStreamConstants.END_ELEMENT) {
            throw new XMLStreamException("expected a start or end tag", getLocation());
        }
        return event;
    }

    @Override
    public String getElementText() throws XMLStreamException {
        StringBuilder content = new StringBuilder();
        for (int event = next(); event != XMLStreamConstants.END_ELEMENT; event = next()) {
            switch (event) {
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE,
                     XMLStreamConstants.ENTITY_REFERENCE -> content.append(getText());
                case XMLStreamConstants.COMMENT, XMLStreamConstants.PROCESSING_INSTRUCTION -> { }
                default -> throw new XMLStreamException("an element inside a text-only element", getLocation());
            }
        }
        return content.toString();
    }

    private void enter(String name) {
        Node parent = depth == 0 ? DOCUMENT : nodes[depth - 1];
        Node node = parent == null ? null : parent.children.get(name);
        if (depth == names.length) {
            names = Arrays.copyOf(names, depth * 2);
            nodes = Arrays.copyOf(nodes, depth * 2);
        }
        names[depth] = name;
        nodes[depth] = node;
        depth++;
        if (eventDepth == 0 && StandardXml.EVENT.getLocalPart().equals(name) && node != null) {
            eventDepth = depth;
        }
        text.setLength(0);
    }

    private void leave() throws XMLStreamException {
        depth--;
        atEnd = true;
        Node node = nodes[depth];
        if (node != null && node.values != null && !node.values.contains(text.toString())) {
            unreadable = new Unreadable(path(depth + 1), text.toString(), "not a value of the standard's enumeration "
                    + node.values.stream().sorted().toList());
            throw new XMLStreamException(unreadable.toString(), getLocation());
        }
        if (depth < eventDepth) {
            eventDepth = 0;
        }
    }

    private boolean innermostIsEnumeration() {
        Node node = depth == 0 ? null : nodes[depth - 1];
        return node != null && node.values != null;
    }

    /** The field of the elements open up to {@code end} (exclusive), from inside the event: {@code quantity}, {@code extension/dairy/testResult}. */
    private String path(int end) {
        int from = eventDepth == 0 ? 0 : eventDepth;
        if (end <= from) {
            return end == 0 ? "?" : names[end - 1];
        }
        return String.join("/", Arrays.asList(names).subList(from, end));
    }

    // --- the event's elements, from the JAXB classes -------------------------------------------

    private static Node document() {
        Node event = node(TraceEvent.class, new HashSet<>());
        Node page = new Node();
        page.children.put(StandardXml.EVENT.getLocalPart(), event);
        Node document = new Node();
        document.children.put("page", page);
        document.children.put(StandardXml.EVENT.getLocalPart(), event);
        return document;
    }

    /** The element of a JAXB class (field access, as xjc generates them): its child elements by name. */
    private static Node node(Class<?> type, Set<Class<?>> enclosing) {
        Node node = new Node();
        enclosing.add(type);
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || f.isAnnotationPresent(XmlTransient.class)
                        || f.isAnnotationPresent(XmlAttribute.class) || f.isAnnotationPresent(XmlValue.class)) {
                    continue;
                }
                XmlElement element = f.getAnnotation(XmlElement.class);
                String name = element != null && !"##default".equals(element.name()) ? element.name() : f.getName();
                Class<?> fieldType = f.getType();
                if (List.class.isAssignableFrom(fieldType) && f.getGenericType() instanceof ParameterizedType p
                        && p.getActualTypeArguments()[0] instanceof Class<?> item) {
                    fieldType = item;
                }
                node.children.put(name, child(fieldType, enclosing));
            }
        }
        enclosing.remove(type);
        return node;
    }

    private static Node child(Class<?> type, Set<Class<?>> enclosing) {
        if (type.isEnum() && type.isAnnotationPresent(XmlEnum.class)) {
            Node node = new Node();
            node.values = new HashSet<>();
            for (Field constant : type.getFields()) {
                if (constant.isEnumConstant()) {
                    XmlEnumValue value = constant.getAnnotation(XmlEnumValue.class);
                    node.values.add(value != null ? value.value() : constant.getName());
                }
            }
            return node;
        }
        if (type.isAnnotationPresent(XmlType.class) && !enclosing.contains(type)) {
            return node(type, enclosing);
        }
        return new Node();   // a simple value: JAXB reports what it cannot convert
    }
}
