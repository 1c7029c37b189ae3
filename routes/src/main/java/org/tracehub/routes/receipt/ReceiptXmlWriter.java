package org.tracehub.routes.receipt;

import java.io.OutputStream;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.tracehub.platform.batch.Batch;
import org.tracehub.platform.batch.FileWarnings;
import org.tracehub.platform.batch.RowProblem;
import org.tracehub.platform.batch.SkipReasons;
import org.tracehub.schemas.validation.RowNumbering;
import org.tracehub.schemas.xml.StandardXml;

/**
 * The receipt as XML (UTF-8) for senders whose systems read receipts automatically. A problem's {@code row} is the line
 * (or worksheet row) it begins on, {@code <problems rowNumbering="line">}, or the record's 1-based ordinal,
 * {@code rowNumbering="record"}, for an XML export whose records share lines. The warnings of the file as a whole are
 * {@code <fileWarnings>}, apart from the rows' problems, and the spec version that converted it {@code <specVersion>};
 * both come after every element older receipts had, and only when there is something to say.
 */
public final class ReceiptXmlWriter {

    public static final String NAMESPACE = "urn:shanghai:trace:receipt:1";

    public void write(Receipt receipt, OutputStream out) throws XMLStreamException {
        Batch b = receipt.batch();
        XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
        xml.writeStartDocument("UTF-8", "1.0");
        xml.setDefaultNamespace(NAMESPACE);
        xml.writeStartElement(NAMESPACE, "receipt");
        xml.writeDefaultNamespace(NAMESPACE);
        // attributes: a reader of the old layout finds every element where it was; a reprocess replaces the receipt under
        // the same batch id, and these tell the two apart
        xml.writeAttribute("attempt", Integer.toString(b.attempt()));
        xml.writeAttribute("writtenAt", receipt.writtenAtText());
        element(xml, "batchId", b.id());
        element(xml, "sourceId", b.sourceId());
        element(xml, "fileName", b.fileName());
        element(xml, "sha256", b.sha256());
        element(xml, "receivedAt", b.receivedAt().toString());
        xml.writeStartElement(NAMESPACE, "status");
        xml.writeAttribute("code", b.status().name());
        xml.writeCharacters(b.status().chinese());
        xml.writeEndElement();
        if (b.failureCode() != null) {
            xml.writeStartElement(NAMESPACE, "reason");
            xml.writeAttribute("code", b.failureCode());
            xml.writeCharacters(xmlText(b.failureMessage()));
            xml.writeEndElement();
        }
        if (b.duplicateOf() != null) {
            element(xml, "duplicateOf", b.duplicateOf());
        }
        xml.writeEmptyElement(NAMESPACE, "counts");
        xml.writeAttribute("read", Long.toString(b.rowsRead()));
        xml.writeAttribute("accepted", Long.toString(b.rowsAccepted()));
        xml.writeAttribute("rejected", Long.toString(b.rowsRejected()));
        xml.writeAttribute("skipped", Long.toString(b.rowsSkipped()));
        if (receipt.countsNote() != null) {
            // absent on counts that are the attempt's result, as receipts always had them
            xml.writeAttribute("final", "false");
        }
        xml.writeStartElement(NAMESPACE, "problems");
        // an attribute, not an element: a reader of the old layout finds every element where it was
        xml.writeAttribute("rowNumbering", b.rowNumbering() == RowNumbering.RECORDS ? "record" : "line");
        for (RowProblem p : receipt.problems()) {
            xml.writeStartElement(NAMESPACE, "problem");
            xml.writeAttribute("row", Long.toString(p.row()));
            if (p.column() != null) {
                xml.writeAttribute("column", xmlText(p.column()));
            }
            if (p.field() != null) {
                xml.writeAttribute("field", xmlText(p.field()));
            }
            xml.writeAttribute("severity", p.severity());
            xml.writeAttribute("code", p.code());
            element(xml, "message", p.message());
            if (p.rawValue() != null) {
                element(xml, "value", p.rawValue());
            }
            xml.writeEndElement();
        }
        xml.writeEndElement();
        if (receipt.earlierLoad() != null) {
            // last, after the elements receipts always had: a reader of the old layout finds everything where it was
            xml.writeStartElement(NAMESPACE, "loadedAttempt");
            xml.writeAttribute("attempt", Integer.toString(receipt.earlierLoad()));
            if (receipt.partialEvents() != null) {
                // absent on an attempt loaded whole, as receipts always had it: its data stands
                xml.writeAttribute("complete", "false");
                xml.writeAttribute("events", Long.toString(receipt.partialEvents()));
            }
            xml.writeCharacters(receipt.earlierLoadText());
            xml.writeEndElement();
        }
        if (receipt.countsNote() != null) {
            element(xml, "countsNote", receipt.countsNote());
        }
        if (b.rowsSkipped() > 0 && !b.skipReasons().entries().isEmpty()) {
            // last, with the other additions: how many rows each reason skipped
            xml.writeStartElement(NAMESPACE, "skipReasons");
            for (SkipReasons.Entry e : b.skipReasons().accountingFor(b.rowsSkipped())) {
                xml.writeStartElement(NAMESPACE, "skipReason");
                xml.writeAttribute("rows", Long.toString(e.rows()));
                xml.writeCharacters(xmlText(e.reason()));
                xml.writeEndElement();
            }
            xml.writeEndElement();
        }
        if (receipt.problemsPurgedText() != null) {
            // last, with the other additions: the problem rows above are gone, not absent
            xml.writeStartElement(NAMESPACE, "problemsPurged");
            xml.writeAttribute("on", receipt.problemsPurgedAt().toLocalDate().toString());
            xml.writeCharacters(receipt.problemsPurgedText());
            xml.writeEndElement();
        }
        if (b.specVersion() != null) {
            // the short form a clerk reads to the admin, who finds it on the batch's page; the whole one for a machine
            xml.writeStartElement(NAMESPACE, "specVersion");
            xml.writeAttribute("fingerprint", b.specFingerprint());
            xml.writeCharacters(b.specVersion());
            xml.writeEndElement();
        }
        if (!b.fileWarnings().isEmpty()) {
            xml.writeStartElement(NAMESPACE, "fileWarnings");
            for (FileWarnings.Entry w : b.fileWarnings().entries()) {
                xml.writeStartElement(NAMESPACE, "fileWarning");
                xml.writeAttribute("code", w.code());
                if (w.column() != null) {
                    xml.writeAttribute("column", xmlText(w.column()));
                }
                if (w.field() != null) {
                    xml.writeAttribute("field", xmlText(w.field()));
                }
                xml.writeCharacters(xmlText(w.message()));
                xml.writeEndElement();
            }
            xml.writeEndElement();
        }
        xml.writeEndElement();
        xml.writeEndDocument();
        xml.close();
    }

    private static void element(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeStartElement(NAMESPACE, name);
        xml.writeCharacters(xmlText(value));
        xml.writeEndElement();
    }

    /** Sender text may hold characters XML 1.0 cannot carry (NUL, Ctrl-Z, other controls): each becomes U+FFFD. */
    private static String xmlText(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(value.length());
        value.codePoints().forEach(cp -> sb.appendCodePoint(StandardXml.isXmlChar(cp) ? cp : 0xFFFD));
        return sb.toString();
    }
}
