package org.tracehub.mappings.read;

import java.util.HashSet;
import java.util.Set;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.util.StreamReaderDelegate;

/**
 * Refuses a document whose distinct names (of elements, attributes, namespace prefixes and URIs, processing
 * instruction targets) together pass a bound. The JDK's parser keeps every distinct name it has read in a table for
 * the life of the parser, interned: a file of a few tens of MB whose tags are all different ({@code <n1/><n2/>…}, four
 * million of them in 45 MB) runs a 256 MB heap out, although no record, tag or name is large. An export has a few dozen
 * names; the bound leaves room for thousands. Each name counts once, at its length plus {@link #NAME_OVERHEAD} (what
 * the parser's table and this set hold per name besides its characters), when the parser has handed on the event that
 * carries it: one start tag may add the names it carries before they are counted, which the markup bound keeps to
 * {@link XmlRecordReader#MAX_MARKUP_CHARACTERS} characters. Not thread-safe.
 */
final class XmlNameBound extends StreamReaderDelegate {

    /** The bound on the distinct names, each at its length plus {@link #NAME_OVERHEAD}: about 25,000 names of 16 characters. */
    static final long MAX_NAME_CHARACTERS = 2_000_000;
    /** What a distinct name costs besides its characters, in characters. */
    static final int NAME_OVERHEAD = 64;

    /** Builds the refusal the reader reports: the names counted so far, and the line the parser stands on. */
    @FunctionalInterface
    interface Refusal {
        FileLevelException refuse(int names, long line);
    }

    private final Set<String> names = new HashSet<>();
    private final long bound;
    private final Refusal refusal;
    private long characters;

    XmlNameBound(XMLStreamReader parser, Refusal refusal) {
        this(parser, MAX_NAME_CHARACTERS, refusal);
    }

    /** With another bound: tests reach it with small documents. */
    XmlNameBound(XMLStreamReader parser, long bound, Refusal refusal) {
        super(parser);
        this.bound = bound;
        this.refusal = refusal;
    }

    @Override
    public int next() throws XMLStreamException {
        int event = super.next();
        if (event == XMLStreamConstants.START_ELEMENT) {
            countStartTag();
        } else if (event == XMLStreamConstants.PROCESSING_INSTRUCTION) {
            count(getPITarget());
        }
        return event;
    }

    /** Not offered: the parser's own would read past {@link #next} and its names uncounted. */
    @Override
    public int nextTag() {
        throw new UnsupportedOperationException("nextTag is not bounded; read with next()");
    }

    private void countStartTag() {
        count(getLocalName());
        count(getPrefix());
        count(getNamespaceURI());
        for (int i = 0, n = getNamespaceCount(); i < n; i++) {
            count(getNamespacePrefix(i));
            count(getNamespaceURI(i));
        }
        for (int i = 0, n = getAttributeCount(); i < n; i++) {
            count(getAttributeLocalName(i));
            count(getAttributePrefix(i));
            count(getAttributeNamespace(i));
        }
    }

    private void count(String name) {
        if (name == null || name.isEmpty() || !names.add(name)) {
            return;
        }
        characters += name.length() + NAME_OVERHEAD;
        if (characters > bound) {
            throw refusal.refuse(names.size(), Math.max(getLocation() == null ? 0 : getLocation().getLineNumber(), 0));
        }
    }
}
