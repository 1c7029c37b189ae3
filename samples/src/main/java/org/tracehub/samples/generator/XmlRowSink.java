package org.tracehub.samples.generator;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * XML records written with StAX, one at a time. Columns are paths relative to the record:
 * {@code child}, {@code child/@attr}, {@code @attr}; children appear in the order their first column does.
 */
final class XmlRowSink implements RowSink {

    private static final String NL = "\r\n";

    private final OutputStream stream;
    private final XMLStreamWriter xml;
    private final XmlShape shape;
    private final List<String> columns;

    XmlRowSink(Path file, Charset charset, SourceLayout layout, long rows) throws IOException {
        this.shape = layout.xmlShape();
        this.columns = layout.header();
        this.stream = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        try {
            this.xml = XMLOutputFactory.newFactory().createXMLStreamWriter(stream, charset.name());
            xml.writeStartDocument(charset.name(), "1.0");
            xml.writeCharacters(NL);
            xml.writeStartElement(shape.root());
            if (shape.head() != null) {
                xml.writeCharacters(NL + "  ");
                xml.writeStartElement(shape.head());
                for (Map.Entry<String, String> item : shape.headItems()) {
                    xml.writeCharacters(NL + "    ");
                    xml.writeStartElement(item.getKey());
                    xml.writeCharacters(XmlShape.COUNT.equals(item.getValue()) ? Long.toString(rows) : item.getValue());
                    xml.writeEndElement();
                }
                xml.writeCharacters(NL + "  ");
                xml.writeEndElement();
            }
            if (shape.container() != null) {
                xml.writeCharacters(NL + "  ");
                xml.writeStartElement(shape.container());
            }
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
    }

    @Override
    public void row(List<CellValue> cells) throws IOException {
        Map<String, String> recordAttributes = new LinkedHashMap<>();
        Map<String, Element> children = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            String column = columns.get(i);
            String value = cells.get(i).text();
            if (column.startsWith("@")) {
                recordAttributes.put(column.substring(1), value);
                continue;
            }
            int slash = column.indexOf("/@");
            String name = slash < 0 ? column : column.substring(0, slash);
            Element element = children.computeIfAbsent(name, n -> new Element());
            if (slash < 0) {
                element.text = value;
            } else {
                element.attributes.add(Map.entry(column.substring(slash + 2), value));
            }
        }
        try {
            xml.writeCharacters(NL + "    ");
            xml.writeStartElement(shape.record());
            for (Map.Entry<String, String> a : recordAttributes.entrySet()) {
                xml.writeAttribute(a.getKey(), a.getValue());
            }
            for (Map.Entry<String, Element> child : children.entrySet()) {
                xml.writeCharacters(NL + "      ");
                xml.writeStartElement(child.getKey());
                for (Map.Entry<String, String> a : child.getValue().attributes) {
                    xml.writeAttribute(a.getKey(), a.getValue());
                }
                if (child.getValue().text != null) {
                    xml.writeCharacters(child.getValue().text);
                }
                xml.writeEndElement();
            }
            xml.writeCharacters(NL + "    ");
            xml.writeEndElement();
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
    }

    @Override
    public void finish(List<CellValue> totalRow) throws IOException {
        try {
            if (shape.container() != null) {
                xml.writeCharacters(NL + "  ");
                xml.writeEndElement();
            }
            xml.writeCharacters(NL);
            xml.writeEndElement();
            xml.writeCharacters(NL);
            xml.writeEndDocument();
            xml.flush();
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException(e);
        } finally {
            stream.close();
        }
    }

    private static final class Element {
        private final List<Map.Entry<String, String>> attributes = new ArrayList<>();
        private String text;
    }
}
