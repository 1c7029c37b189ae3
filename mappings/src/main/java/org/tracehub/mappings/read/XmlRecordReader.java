package org.tracehub.mappings.read;

import java.io.BufferedInputStream;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.tracehub.mappings.spec.FieldMapping;
import org.tracehub.mappings.spec.FileSpec;
import org.tracehub.mappings.spec.XmlPath;
import org.tracehub.schemas.validation.ErrorCodes;
import org.tracehub.schemas.validation.RowNumbering;
import org.tracehub.schemas.xml.StandardXml;

/**
 * Streams the records of an XML export with StAX (the standard's secure factory: no DTDs, no
 * external entities; a DOCTYPE is refused). A record is each element at the spec's absolute
 * {@code record} path; only the current record is held in memory. Its "columns" are the paths the
 * spec reads, relative to the record: a missing element or attribute is an empty cell; a path that occurs in no
 * record of the file is in {@link #absentColumns} for the header check, and a document in another namespace than the
 * spec's is refused ({@link XmlLayout}); a path matching several elements gives all of them joined by the field's {@code split} separator
 * when the field has one, else their one value, and elements of different values mark the cell
 * ({@link CellFlaw#REPEATED_ELEMENT}, which refuses the record). Text comes from the parser in pieces, each counted
 * toward {@link #MAX_RECORD_CHARACTERS} before more is read. An attribute value, a comment, a processing instruction, a
 * DOCTYPE or a character reference the JDK's parser reads whole (names it bounds itself, to 1,000 characters), and it
 * keeps every open element: {@link XmlMarkupBound}, under the parser, refuses one past {@link #MAX_MARKUP_CHARACTERS}
 * before the parser has read more of it. A filter rather than Woodstox, whose size limits would do the same: on the class
 * path Woodstox would become every module's StAX parser ({@code XMLInputFactory.newFactory()}), and the record lines
 * above rest on where the JDK's parser reports its location.
 * <p>
 * A record's row number is the line of the file on which its start tag begins, the line a clerk finds it at in an
 * editor (the StAX location where the parser stood before the tag; for a record that is the document's root element,
 * the location after its start tag). Rows must stay unique and in document order (they key the rejected and staged
 * rows of a batch), so a document in which two records begin on one line — written without line breaks — numbers
 * its records by their 1-based ordinals instead; a first pass over the document, streaming like the second, decides
 * which, and {@link #rowNumbering} says so, for the receipt to label the numbers 记录号 rather than 行号. Not thread-safe.
 */
public final class XmlRecordReader implements RecordReader {

    /** The file's declared charset when the reader decodes it itself, or null (left to the parser). */
    private Charset decodedHere;
    private final Path file;

    /**
     * A record larger than this is not a record but a mistake in the record path (or an attack). Its text counts, and
     * so do its elements and attributes: an export of attributes alone ({@code <ROW a="…" b="…"/>}) read with a record
     * path one level too high, or a record of millions of empty children, has no text yet holds every element.
     */
    public static final int MAX_RECORD_CHARACTERS = 1_000_000;
    /**
     * The largest piece of markup the parser may read whole (a tag with its attributes, a comment, a processing
     * instruction, a DOCTYPE, a reference), and the start tags of the elements open at once together: see
     * {@link XmlMarkupBound}. A record's own start tag counts toward its record as well, so no record bigger than
     * {@link #MAX_RECORD_CHARACTERS} gets past this one either.
     */
    public static final int MAX_MARKUP_CHARACTERS = MAX_RECORD_CHARACTERS;
    /** What an element costs besides its name, attributes and text, in characters: roughly the heap of an empty one. */
    static final int ELEMENT_CHARACTERS = 64;
    /** The JDK parser's setting for handing a CDATA section on in pieces (text outside CDATA it does without asking). */
    private static final String CDATA_CHUNK_SIZE = "jdk.xml.cdataChunkSize";
    /** The largest piece of a CDATA section the parser hands on: its own buffer's size for other text. */
    private static final int TEXT_CHUNK_CHARACTERS = 16_384;

    private final FileSpec spec;
    /** The markup bound under the second pass's parser (see {@link #recordsBeginOnLinesOfTheirOwn}). */
    private final XmlMarkupBound markup;
    /** The bound on the document's distinct names, for {@link XmlNameBound}. */
    private final long nameBound;
    private final BufferedInputStream in;
    private final XMLStreamReader xml;
    private final List<Step> record;
    private final List<String> columns;
    private final List<CompiledPath> paths;
    private final Map<String, Integer> headerIndex;
    private final Cursor cursor;
    private long ordinal;
    /** Whether every record begins on a line of its own, so that rows are line numbers (else ordinals). */
    private final boolean rowsAreLines;
    /** The paths the spec reads that occur in no record of the file, found by the first pass. */
    private final Set<String> absentColumns;

    public XmlRecordReader(Path file, FileSpec spec) {
        this(file, spec, MAX_MARKUP_CHARACTERS);
    }

    /** With another bound for one piece of markup than {@link #MAX_MARKUP_CHARACTERS}: tests reach it with small files. */
    XmlRecordReader(Path file, FileSpec spec, long markupBound) {
        this(file, spec, markupBound, XmlNameBound.MAX_NAME_CHARACTERS);
    }

    /** With other bounds for one piece of markup and for the document's distinct names ({@link XmlNameBound}). */
    XmlRecordReader(Path file, FileSpec spec, long markupBound, long nameBound) {
        this.file = file;
        this.spec = spec;
        this.nameBound = nameBound;
        this.markup = new XmlMarkupBound(markupBound);
        Map<String, String> namespaces = spec.namespaces();
        this.record = steps(XmlPath.parseAbsolute(spec.record()).elements(), namespaces);
        this.columns = List.copyOf(spec.columnsRead());
        Map<String, String> separators = new HashMap<>();
        for (FieldMapping m : spec.fields()) {
            if (m.path() != null && !m.split().isEmpty()) {
                // repeated elements are joined with the first separator, which the engine splits on again
                separators.putIfAbsent(m.path(), m.split().get(0));
            }
        }
        this.paths = new ArrayList<>();
        Map<String, Integer> index = new LinkedHashMap<>();
        for (String column : columns) {
            XmlPath p = XmlPath.parseRelative(column);
            Step attribute = p.attribute() == null ? null : step(p.attribute(), namespaces);
            paths.add(new CompiledPath(steps(p.elements(), namespaces), attribute, separators.get(column)));
            index.put(column, index.size());
        }
        this.headerIndex = Collections.unmodifiableMap(index);
        this.in = stream(file);
        try {
            refuseUtf8TextUnderAGbCharset(in);
            this.xml = parser(in, markup);
        } catch (FileLevelException e) {
            closeStream();
            throw e;
        } catch (XMLStreamException | IOException | RuntimeException e) {
            closeStream();
            throw malformed(e);
        }
        this.cursor = new Cursor(xml, record, null);
        XmlLayout layout = new XmlLayout(spec.record(), record, columns, paths, namespaces);
        this.rowsAreLines = firstPass(layout);
        FileLevelException otherNamespace = layout.refusal();
        if (otherNamespace != null) {
            close();
            throw otherNamespace;
        }
        this.absentColumns = layout.absentColumns();
    }

    private static BufferedInputStream stream(Path file) {
        try {
            return new BufferedInputStream(Files.newInputStream(file));
        } catch (IOException e) {
            throw FileLevelException.unreadable(file, e);
        }
    }

    /**
     * A document that declares GBK (or the spec says so) but holds UTF-8 text: strict GB18030 decoding of UTF-8 bytes
     * often succeeds (张三 reads 寮犱笁), and the names would load garbled without a word. Only a bounded prefix is read
     * ({@link EncodingDetector#utf8UnderGbCharset}), once, before the two passes.
     */
    private void refuseUtf8TextUnderAGbCharset(BufferedInputStream stream) throws IOException {
        Charset charset = XmlCharsets.of(stream, spec.encoding());
        if (charset == null || !EncodingDetector.utf8UnderGbCharset(stream, XmlCharsets.decoding(charset))) {
            return;
        }
        String name = charset.name();
        if (!"auto".equalsIgnoreCase(spec.encoding())) {
            throw EncodingDetector.utf8UnderTheSpecsCharset("XML文件", name);
        }
        throw new FileLevelException(ErrorCodes.FILE_ENCODING, "XML文件声明的字符编码是" + name + "，但文件内容是UTF-8编码，按" + name
                + "读取中文会变成乱码，文件已拒收：请在导出时选择" + name + "编码，或把XML声明改为encoding=\"UTF-8\"后重新发送", 0);
    }

    /** A secure StAX parser over the document, decoding it as the spec says (and remembering when it decodes it here). */
    private XMLStreamReader parser(BufferedInputStream stream, XmlMarkupBound markup) throws XMLStreamException, IOException {
        XMLInputFactory factory = StandardXml.secureInputFactory();
        // long text comes in pieces, each counted toward MAX_RECORD_CHARACTERS before more is read: a coalescing parser
        // (and the JDK's, for a CDATA section, unless told a chunk size) gathers a whole text node first, and an 80 MB
        // attachment in one element ran the heap out before the record's bound was checked
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        if (factory.isPropertySupported(CDATA_CHUNK_SIZE)) {
            factory.setProperty(CDATA_CHUNK_SIZE, TEXT_CHUNK_CHARACTERS);
        }
        Charset charset = XmlCharsets.of(stream, spec.encoding());
        XMLStreamReader parser;
        if (charset == null || XmlCharsets.decodedStrictlyByParser(charset)) {
            InputStream bounded = XmlMarkupBoundInput.over(stream, markup);
            parser = "auto".equalsIgnoreCase(spec.encoding())
                    ? factory.createXMLStreamReader(bounded)
                    : factory.createXMLStreamReader(bounded, spec.encoding());
        } else {
            // the JDK's parser decodes only UTF-8 and ASCII strictly: any other charset would turn a bad byte into
            // U+FFFD and load it (朱�F基); decoded here, a bad byte is FILE_ENCODING with its line
            this.decodedHere = charset;
            parser = factory.createXMLStreamReader(XmlMarkupBoundInput.over(new InputStreamReader(stream, XmlCharsets.strictDecoder(charset)), markup));
        }
        return new XmlNameBound(parser, nameBound, XmlRecordReader::tooManyNames);
    }

    private static FileLevelException tooManyNames(int names, long line) {
        return new FileLevelException(ErrorCodes.FILE_MALFORMED, "XML文件到第" + line + "行已出现" + names
                + "个不同的元素名、属性名和命名空间，超过平台能读取的上限（名称合计" + XmlNameBound.MAX_NAME_CHARACTERS + "个字符，每个名称另计"
                + XmlNameBound.NAME_OVERHEAD + "个），正常的导出文件只用到几十个名称，请检查导出程序", line);
    }

    /**
     * The first pass: whether each record begins on a later line than the one before it, and the document's
     * {@link XmlLayout}. It stops once two records shared a line and every path the spec reads has occurred; a document
     * the pass cannot read to its end (malformed, a bad byte, a DOCTYPE) is judged by the records before the fault, which
     * the second pass reads and numbers alike before it reports the fault itself, and its layout is not judged.
     */
    private boolean firstPass(XmlLayout layout) {
        BufferedInputStream again = null;
        XMLStreamReader first = null;
        boolean ownLines = true;
        try {
            again = stream(file);
            first = parser(again, new XmlMarkupBound(markup.bound()));
            Cursor scan = new Cursor(first, record, layout);
            long previous = 0;
            for (long line = scan.nextRecord(); line >= 0; line = scan.nextRecord()) {
                ownLines &= line > previous;
                previous = line;
                layout.scanRecord(first);
                scan.recordRead();
                if (!ownLines && layout.everyPathPresent()) {
                    layout.finished();
                    return false;
                }
            }
            layout.finished();
            // this pass read the whole document within the markup bound: the second, over the same bytes (the hub's
            // copy, never rewritten), need not follow its markup again, half the bound's cost
            markup.stop();
            return ownLines;
        } catch (XMLStreamException | IOException | RuntimeException e) {
            return ownLines;
        } finally {
            if (first != null) {
                try {
                    first.close();
                } catch (XMLStreamException e) {
                    // the stream is closed below either way
                }
            }
            if (again != null) {
                try {
                    again.close();
                } catch (IOException e) {
                    // read-only
                }
            }
        }
    }

    @Override
    public List<String> header() {
        return columns;
    }

    @Override
    public RawRecord next() {
        try {
            long startLine = cursor.nextRecord();
            if (startLine < 0) {
                return null;
            }
            Element element = readElement(startLine);
            cursor.recordRead();
            ordinal++;
            return record(rowsAreLines ? startLine : ordinal, element);
        } catch (XMLStreamException | RuntimeException e) {
            if (e instanceof FileLevelException f) {
                throw f;
            }
            throw malformed(e);
        }
    }

    @Override
    public Set<String> absentColumns() {
        return absentColumns;
    }

    @Override
    public RowNumbering rowNumbering() {
        return rowsAreLines ? RowNumbering.LINES : RowNumbering.RECORDS;
    }

    @Override
    public String encoding() {
        if (decodedHere != null) {
            return decodedHere.name();
        }
        String encoding = xml.getEncoding();
        if (encoding == null) {
            encoding = xml.getCharacterEncodingScheme();
        }
        return encoding == null ? "UTF-8" : encoding;
    }

    @Override
    public void close() {
        try {
            xml.close();
        } catch (XMLStreamException e) {
            // the stream is closed below either way
        }
        closeStream();
    }

    /** Reads the element the reader is on (beginning on {@code startLine}), with its descendants, up to and including its end tag. */
    private Element readElement(long startLine) throws XMLStreamException {
        Deque<Element> open = new ArrayDeque<>();
        Element root = element();
        open.push(root);
        long characters = root.characters();
        while (!open.isEmpty()) {
            int event = xml.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> {
                    Element child = element();
                    characters += child.characters();
                    open.peek().children.add(child);
                    open.push(child);
                }
                case XMLStreamConstants.END_ELEMENT -> open.pop();
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    characters += xml.getTextLength();
                    open.peek().text.append(xml.getTextCharacters(), xml.getTextStart(), xml.getTextLength());
                }
                default -> {
                    // comments and processing instructions inside a record carry no data
                }
            }
            if (characters > MAX_RECORD_CHARACTERS) {
                long line = line(xml.getLocation());
                throw new FileLevelException(ErrorCodes.FILE_MALFORMED, "XML文件第" + startLine + "行开始的第" + (ordinal + 1)
                        + "条记录（到第" + line + "行）超过" + MAX_RECORD_CHARACTERS + "个字符（元素、属性与文字合计），请检查映射中的record路径",
                        startLine);
            }
        }
        return root;
    }

    private Element element() {
        Element e = new Element(xml.getNamespaceURI(), xml.getLocalName());
        for (int i = 0; i < xml.getAttributeCount(); i++) {
            e.attributes.add(new Attribute(xml.getAttributeNamespace(i), xml.getAttributeLocalName(i), xml.getAttributeValue(i)));
        }
        return e;
    }

    private RawRecord record(long row, Element element) {
        List<String> cells = new ArrayList<>(paths.size());
        CellFlaws flaws = null;
        for (CompiledPath path : paths) {
            List<String> values = path.valuesIn(element);
            if (values.isEmpty()) {
                cells.add(null);
            } else if (path.separator() != null) {
                cells.add(String.join(path.separator(), values));
            } else {
                cells.add(values.get(0));
                if (values.size() > 1 && values.stream().map(String::strip).distinct().count() > 1) {
                    // two <Product> of one record with different @sku: taking the first would mix one product's code
                    // with another's name, and drop the second without a word
                    flaws = CellFlaws.with(flaws, cells.size() - 1, CellFlaw.REPEATED_ELEMENT);
                }
            }
        }
        return new RawRecord(row, cells, headerIndex, false, 0, flaws);
    }

    private FileLevelException malformed(Exception e) {
        XmlMarkupBound.MarkupTooLarge tooLarge = XmlMarkupBound.within(e);
        if (tooLarge != null) {
            return tooLarge.refusal();
        }
        Location location = e instanceof XMLStreamException x ? x.getLocation() : null;
        long line = location == null ? 0 : line(location);
        // the JDK's parser keeps the decoding error as the "nested" exception, not as the cause
        for (Throwable t = e; t != null; t = t instanceof XMLStreamException x && x.getNestedException() != null
                && x.getNestedException() != t ? x.getNestedException() : t.getCause()) {
            if (t instanceof CharacterCodingException && decodedHere != null) {
                // decoded here, ahead of the parser: its position is not the bad byte's, a second strict pass finds that line
                line = CsvRecordReader.firstUndecodableLine(file, XmlCharsets.decoding(decodedHere));
            }
            if (t instanceof CharConversionException || t instanceof CharacterCodingException
                    || t instanceof java.nio.charset.UnsupportedCharsetException || t instanceof java.nio.charset.IllegalCharsetNameException) {
                return new FileLevelException(ErrorCodes.FILE_ENCODING, "XML文件第" + line + "行的内容与声明的字符编码不符，请确认导出时选择的字符编码", line, e);
            }
        }
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().replaceAll("(?s)^ParseError at \\[row,col]:\\[\\d+,\\d+]\\s*Message: ", "");
        return new FileLevelException(ErrorCodes.FILE_MALFORMED, "XML文件第" + line + "行格式错误：" + detail, line, e);
    }

    private static long line(Location location) {
        return location == null ? 0 : Math.max(location.getLineNumber(), 0);
    }

    private void closeStream() {
        try {
            in.close();
        } catch (IOException e) {
            // read-only
        }
    }

    /**
     * Walks a parser from record to record: the element path it is at, and whether that path is still on the way to
     * the spec's record path. Knows the line each record begins on.
     */
    private static final class Cursor {
        private final XMLStreamReader xml;
        private final List<Step> record;
        private final boolean[] matched;
        /** The first pass's: told of every start tag, and of element paths matching the record path's names only; else null. */
        private final XmlLayout layout;
        private final boolean[] matchedLocally;
        private final String[] uris;
        private int depth;

        Cursor(XMLStreamReader xml, List<Step> record, XmlLayout layout) {
            this.xml = xml;
            this.record = record;
            this.layout = layout;
            this.matched = new boolean[record.size() + 1];
            this.matched[0] = true;
            this.matchedLocally = new boolean[record.size() + 1];
            this.matchedLocally[0] = true;
            this.uris = new String[record.size() + 1];
        }

        /**
         * Moves to the start tag of the next record and returns the line it begins on, or -1 at the end of the
         * document. The caller reads or skips the record, then calls {@link #recordRead}.
         */
        long nextRecord() throws XMLStreamException {
            while (xml.hasNext()) {
                // where the parser stands before an event is where the next markup begins: the '<' of a start tag
                long before = line(xml.getLocation());
                int event = xml.next();
                switch (event) {
                    case XMLStreamConstants.DTD -> throw new FileLevelException(ErrorCodes.FILE_MALFORMED,
                            "XML文件第" + line(xml.getLocation()) + "行含有DOCTYPE声明，出于安全原因不予处理", line(xml.getLocation()));
                    case XMLStreamConstants.START_ELEMENT -> {
                        depth++;
                        if (layout != null) {
                            layout.element(xml);
                        }
                        if (depth <= record.size()) {
                            matched[depth] = matched[depth - 1] && record.get(depth - 1).matches(xml.getNamespaceURI(), xml.getLocalName());
                            if (layout != null) {
                                noteLocalMatch();
                            }
                            if (depth == record.size() && matched[depth]) {
                                // the root's start is preceded by the prolog, whose spaces the parser does not report: the
                                // location after its start tag names its line (unless the tag spans lines)
                                return depth == 1 || before <= 0 ? line(xml.getLocation()) : before;
                            }
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> depth--;
                    default -> {
                        // text between records, comments, processing instructions
                    }
                }
            }
            return -1;
        }

        /** The record's end tag has been consumed. */
        void recordRead() {
            depth--;
        }

        /** A record path matched by its local names in other namespaces: the export's namespace changed, not its records gone. */
        private void noteLocalMatch() {
            matchedLocally[depth] = matchedLocally[depth - 1] && record.get(depth - 1).local().equals(xml.getLocalName());
            uris[depth] = xml.getNamespaceURI() == null ? "" : xml.getNamespaceURI();
            if (depth == record.size() && matchedLocally[depth] && !matched[depth]) {
                layout.foreignRecord(uris);
            }
        }
    }

    private static List<Step> steps(List<XmlPath.Name> names, Map<String, String> namespaces) {
        return names.stream().map(n -> step(n, namespaces)).toList();
    }

    private static Step step(XmlPath.Name name, Map<String, String> namespaces) {
        return new Step(name.prefix() == null ? null : namespaces.get(name.prefix()), name.local());
    }

    /** A path step: a local name, in one namespace, or in any when {@code namespace} is null. */
    record Step(String namespace, String local) {
        boolean matches(String uri, String localName) {
            return local.equals(localName) && (namespace == null || namespace.equals(uri == null ? "" : uri));
        }
    }

    private record Attribute(String namespace, String local, String value) {
    }

    private static final class Element {
        final String namespace;
        final String local;
        final List<Attribute> attributes = new ArrayList<>(2);
        final List<Element> children = new ArrayList<>();
        final StringBuilder text = new StringBuilder();

        Element(String namespace, String local) {
            this.namespace = namespace;
            this.local = local;
        }

        /** What the element counts toward {@link #MAX_RECORD_CHARACTERS} without its text. */
        long characters() {
            long n = ELEMENT_CHARACTERS + local.length();
            for (Attribute a : attributes) {
                n += a.local().length() + a.value().length();
            }
            return n;
        }
    }

    record CompiledPath(List<Step> elements, Step attribute, String separator) {

        /** The texts (or attribute values) of every element the path matches, in document order. */
        List<String> valuesIn(Element record) {
            List<Element> current = List.of(record);
            for (Step step : elements) {
                List<Element> next = new ArrayList<>();
                for (Element e : current) {
                    for (Element child : e.children) {
                        if (step.matches(child.namespace, child.local)) {
                            next.add(child);
                        }
                    }
                }
                current = next;
            }
            List<String> values = new ArrayList<>();
            for (Element e : current) {
                if (attribute == null) {
                    values.add(e.text.toString());
                } else {
                    for (Attribute a : e.attributes) {
                        if (attribute.matches(a.namespace(), a.local())) {
                            values.add(a.value());
                        }
                    }
                }
            }
            return values;
        }
    }
}
