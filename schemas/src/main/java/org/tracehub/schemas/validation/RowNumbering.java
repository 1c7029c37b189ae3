package org.tracehub.schemas.validation;

/**
 * What a problem's row number counts in the sender's file, so that the clerk is told where to look: a line (or a
 * worksheet row) of the file, or — for an XML export written without line breaks, whose records share lines — the
 * record's 1-based position among the records. Both mappings (which reads the file and knows which) and the receipts,
 * reports and CLI (which label the number) read it from here.
 */
public enum RowNumbering {
    /** The line a row begins on (CSV, an XML record's start tag), or the worksheet row (XLS, XLSX). */
    LINES("行号"),
    /** The record's 1-based ordinal: an XML export whose records share lines. */
    RECORDS("记录号");

    private final String label;

    RowNumbering(String label) {
        this.label = label;
    }

    /** The column title over row numbers: 行号, or 记录号. */
    public String label() {
        return label;
    }

    /** Where row {@code n} is, in a sentence: 第57行, or 第57条记录. */
    public String at(long n) {
        return this == LINES ? "第" + n + "行" : "第" + n + "条记录";
    }

    /** The stored name read back; null (a batch converted before the numbering was recorded) is {@link #LINES}. */
    public static RowNumbering of(String name) {
        return name == null || name.isBlank() ? LINES : valueOf(name);
    }
}
