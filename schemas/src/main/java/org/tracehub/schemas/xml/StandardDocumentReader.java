package org.tracehub.schemas.xml;

import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Unmarshaller;
import java.io.InputStream;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.tracehub.schemas.standard.v1.DocumentHeader;
import org.tracehub.schemas.standard.v1.DocumentTrailer;
import org.tracehub.schemas.standard.v1.TraceEvent;
import org.tracehub.schemas.validation.ErrorCodes;

/**
 * Reads a standard document streaming: StAX over the bytes (secure factory, DOCTYPE refused),
 * JAXB for one element at a time — the header when opened, then each event as it is asked for,
 * then the trailer, whose count must match the events read. Memory stays flat whatever the size.
 * <p>
 * It does not validate against the XSD (see {@link StandardDocumentValidator}); a document that is
 * not well-formed, not of the standard, or whose count is off fails with a
 * {@link StandardDocumentException} naming the line, and so does an element whose value cannot be converted
 * ({@code XML_VALUE_INVALID}, naming the element), which JAXB alone would leave null without a word. Not thread-safe; closing does not close the
 * input stream.
 */
public final class StandardDocumentReader implements Iterator<TraceEvent>, AutoCloseable {

    private final XMLStreamReader xml;
    private final Unmarshaller unmarshaller;
    private final ConversionFailures failures;
    private final DocumentHeader header;
    private DocumentTrailer trailer;
    private boolean atEvent;
    private long count;

    public StandardDocumentReader(InputStream in) {
        try {
            this.xml = StandardXml.secureInputFactory().createXMLStreamReader(in);
            this.unmarshaller = StandardXml.context().createUnmarshaller();
            this.failures = new ConversionFailures(xml);
            unmarshaller.setEventHandler(failures);
            StandardXml.toRootElement(xml);
            if (!xml.isStartElement() || !StandardXml.DOCUMENT.equals(xml.getName())) {
                throw fail(ErrorCodes.XML_MALFORMED, "不是追溯标准文档：根元素应为 {" + StandardXml.NAMESPACE + "}traceDocument", null);
            }
            String version = xml.getAttributeValue(null, "version");
            if (!StandardXml.VERSION.equals(version)) {
                throw fail(ErrorCodes.XML_MALFORMED, "不支持的标准文档版本“" + version + "”，应为" + StandardXml.VERSION, null);
            }
            nextTag();
            expect("header");
            failures.reading("文档头部的");
            this.header = unmarshaller.unmarshal(xml, DocumentHeader.class).getValue();
        } catch (XMLStreamException | JAXBException e) {
            throw failed(e);
        }
    }

    public DocumentHeader header() {
        return header;
    }

    /** The trailer, once every event has been read. */
    public DocumentTrailer trailer() {
        if (trailer == null) {
            throw new IllegalStateException("the trailer is read after the last event");
        }
        return trailer;
    }

    /** How many events were read so far. */
    public long count() {
        return count;
    }

    @Override
    public boolean hasNext() {
        if (atEvent) {
            return true;
        }
        if (trailer != null) {
            return false;
        }
        try {
            nextTag();
            if (xml.isStartElement() && StandardXml.EVENT.equals(xml.getName())) {
                atEvent = true;
                return true;
            }
            expect("trailer");
            failures.reading("文档尾部的");
            trailer = unmarshaller.unmarshal(xml, DocumentTrailer.class).getValue();
            if (trailer.getEventCount() == null || trailer.getEventCount().longValueExact() != count) {
                throw fail(ErrorCodes.DOCUMENT_COUNT_MISMATCH,
                        "文档尾部记录的事件数为" + trailer.getEventCount() + "，实际读到" + count + "条，文件可能不完整", null);
            }
            nextTag();
            if (!xml.isEndElement() || !StandardXml.DOCUMENT.equals(xml.getName())) {
                throw fail(ErrorCodes.XML_MALFORMED, "文档尾部之后还有其他内容", null);
            }
            return false;
        } catch (XMLStreamException | JAXBException | ArithmeticException e) {
            throw failed(e);
        }
    }

    @Override
    public TraceEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more events; the trailer has been read");
        }
        try {
            failures.reading("第" + (count + 1) + "条事件的");
            TraceEvent event = unmarshaller.unmarshal(xml, TraceEvent.class).getValue();
            atEvent = false;
            count++;
            return event;
        } catch (JAXBException e) {
            if (failures.failure() != null) {
                throw failures.failure();
            }
            throw fail(ErrorCodes.XML_MALFORMED, "第" + (count + 1) + "条事件无法解析：" + e.getMessage(), e);
        }
    }

    /** The remaining events as a sequential stream; the trailer check runs when it is exhausted. */
    public Stream<TraceEvent> events() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    @Override
    public void close() {
        try {
            xml.close();
        } catch (XMLStreamException e) {
            throw fail(ErrorCodes.XML_MALFORMED, "标准文档无法关闭：" + e.getMessage(), e);
        }
    }

    /** Skips whitespace, comments and processing instructions up to the next start or end tag. */
    private void nextTag() throws XMLStreamException {
        int type = xml.getEventType();
        if (type == XMLStreamConstants.START_ELEMENT && StandardXml.DOCUMENT.equals(xml.getName())) {
            // step into the root; any other start tag is the next element, left there by JAXB
            type = xml.next();
        }
        while (type != XMLStreamConstants.START_ELEMENT && type != XMLStreamConstants.END_ELEMENT) {
            if (type == XMLStreamConstants.CHARACTERS && !xml.isWhiteSpace()) {
                throw fail(ErrorCodes.XML_MALFORMED, "标准文档中出现了多余的文字“" + xml.getText().strip() + "”", null);
            }
            if (type == XMLStreamConstants.END_DOCUMENT) {
                throw fail(ErrorCodes.XML_MALFORMED, "标准文档在文档尾部之前结束，文件可能不完整", null);
            }
            type = xml.next();
        }
    }

    private void expect(String localName) {
        if (!xml.isStartElement() || !localName.equals(xml.getLocalName()) || !StandardXml.NAMESPACE.equals(xml.getNamespaceURI())) {
            String found = xml.isStartElement() ? "<" + xml.getLocalName() + ">" : xml.isEndElement() ? "</" + xml.getLocalName() + ">" : "?";
            throw fail(ErrorCodes.XML_MALFORMED, "标准文档此处应为 <" + localName + ">，实际为 " + found, null);
        }
    }

    /** A value the unmarshaller could not convert, as {@link ConversionFailures} named it; anything else malformed. */
    private StandardDocumentException failed(Exception e) {
        if (e instanceof JAXBException && failures != null && failures.failure() != null) {
            return failures.failure();
        }
        return fail(ErrorCodes.XML_MALFORMED, "标准文档无法解析：" + e.getMessage(), e);
    }

    private StandardDocumentException fail(String code, String message, Throwable cause) {
        long line = xml == null ? -1 : xml.getLocation().getLineNumber();
        return new StandardDocumentException(code, (line > 0 ? "第" + line + "行：" : "") + message, line, cause);
    }
}
