package org.tracehub.schemas.validation;

/**
 * Stable error codes of the standard and of row conversion. They appear in receipts, the API and
 * the console; clerks and scripts key on them, so a code is never renamed or reused.
 */
public final class ErrorCodes {

    // identifiers
    public static final String USCC_LENGTH = "USCC_LENGTH";
    public static final String USCC_CHARACTER = "USCC_CHARACTER";
    public static final String USCC_CHECK_DIGIT = "USCC_CHECK_DIGIT";
    public static final String USCC_ORG_CODE_CHECK = "USCC_ORG_CODE_CHECK";
    /** A citizen identity number (GB 11643) where a credit code belongs: never stored, never shown. */
    public static final String USCC_IS_PERSONAL_ID = "USCC_IS_PERSONAL_ID";
    public static final String GTIN_FORMAT = "GTIN_FORMAT";
    public static final String GTIN_CHECK_DIGIT = "GTIN_CHECK_DIGIT";
    public static final String REGION_FORMAT = "REGION_FORMAT";
    public static final String REGION_UNKNOWN = "REGION_UNKNOWN";
    /**
     * A region code missing from the current GB/T 2260 table whose province is current: possibly retired (the table's
     * history outside Shanghai is not shipped), so a warning, not a rejection.
     */
    public static final String REGION_NOT_CURRENT = "REGION_NOT_CURRENT";
    public static final String EQUIPMENT_CODE_LENGTH = "EQUIPMENT_CODE_LENGTH";
    public static final String EQUIPMENT_CODE_FORMAT = "EQUIPMENT_CODE_FORMAT";
    public static final String EQUIPMENT_CODE_REGION = "EQUIPMENT_CODE_REGION";
    public static final String EQUIPMENT_CODE_DATE = "EQUIPMENT_CODE_DATE";
    public static final String CUSTOMS_DECLARATION_FORMAT = "CUSTOMS_DECLARATION_FORMAT";
    public static final String CUSTOMS_DECLARATION_DATE = "CUSTOMS_DECLARATION_DATE";
    public static final String CUSTOMS_DECLARATION_NOT_IMPORT = "CUSTOMS_DECLARATION_NOT_IMPORT";
    public static final String TRACE_CODE_FORMAT = "TRACE_CODE_FORMAT";
    /** A row's own trace code does not match the pattern its source agreed on (the spec's {@code traceCodePattern}). */
    public static final String TRACE_CODE_PATTERN = "TRACE_CODE_PATTERN";

    // fields and values
    public static final String FIELD_REQUIRED = "FIELD_REQUIRED";
    public static final String CERTIFICATE_REQUIRED = "CERTIFICATE_REQUIRED";
    public static final String DATE_FORMAT = "DATE_FORMAT";
    public static final String NUMBER_FORMAT = "NUMBER_FORMAT";
    /** A spreadsheet's number cell holds 16 digits or more: the digits past the 15th were lost (a code typed as a number). */
    public static final String NUMBER_DIGITS_LOST = "NUMBER_DIGITS_LOST";
    /** A cell holds a spreadsheet formula's error (#N/A, #REF!, …): no value of the record. */
    public static final String CELL_FORMULA_ERROR = "CELL_FORMULA_ERROR";
    /** A workbook's formula cell was saved without its result, so it reads as empty though Excel shows a value. */
    public static final String CELL_FORMULA_NOT_CALCULATED = "CELL_FORMULA_NOT_CALCULATED";
    /** An XML path (without split) matches several elements of one record with different values. */
    public static final String XML_ELEMENT_REPEATED = "XML_ELEMENT_REPEATED";
    /**
     * A warning: an XML path the spec reads occurs in no record of the file (an element renamed by a new version of the
     * export?), so every record's value of it is empty. A warning of the file as a whole, on no row; a path every row
     * needs is refused whole instead ({@code FILE_HEADER_MISSING}).
     */
    public static final String XML_PATH_ABSENT = "XML_PATH_ABSENT";
    /**
     * A warning of the file as a whole: a column the spec reads by position ({@code index}) has another title than in the
     * source's previous loaded file, so a column inserted or removed before it may have moved every row's value.
     */
    public static final String INDEX_COLUMN_CHANGED = "INDEX_COLUMN_CHANGED";
    public static final String UNIT_UNKNOWN = "UNIT_UNKNOWN";
    public static final String QUANTITY_NOT_POSITIVE = "QUANTITY_NOT_POSITIVE";
    public static final String QUANTITY_IMPLAUSIBLE = "QUANTITY_IMPLAUSIBLE";
    /**
     * A quantity in a unit its step is not recorded in (STANDARDS.md: raw milk by weight, a cylinder filling in kg or L):
     * a warning, the unit column may be mixed up.
     */
    public static final String QUANTITY_UNIT_UNUSUAL = "QUANTITY_UNIT_UNUSUAL";
    public static final String EXTENSION_MISMATCH = "EXTENSION_MISMATCH";
    /** More than one category's extension block on one event: the standard document's choice holds one. */
    public static final String EXTENSION_BLOCKS_SEVERAL = "EXTENSION_BLOCKS_SEVERAL";
    public static final String TIME_IN_FUTURE = "TIME_IN_FUTURE";
    /** A warning: a production or test date (or another date of something done) later than today. */
    public static final String DATE_IN_FUTURE = "DATE_IN_FUTURE";
    public static final String INPUT_IS_SELF = "INPUT_IS_SELF";
    /**
     * A warning: an input code holds a separator (、 , ; or whitespace), so it may be several lots the spec's split did not
     * separate. Not refused: trace codes are opaque and some legacy ones hold such characters.
     */
    public static final String INPUT_HOLDS_SEPARATOR = "INPUT_HOLDS_SEPARATOR";
    public static final String LOOKUP_MISSING = "LOOKUP_MISSING";
    public static final String VALUE_TOO_LONG = "VALUE_TOO_LONG";
    /** A control character (or another character XML 1.0 cannot carry) in a text value. */
    public static final String VALUE_CONTROL_CHARACTER = "VALUE_CONTROL_CHARACTER";
    public static final String EXPRESSION_FAILED = "EXPRESSION_FAILED";
    /** A CSV row has a non-blank cell beyond the header's columns: an unquoted delimiter shifted its columns. */
    public static final String ROW_TOO_MANY_CELLS = "ROW_TOO_MANY_CELLS";
    /**
     * A warning: the row is hidden in its worksheet (by hand, filtered out by an AutoFilter, in a folded outline). It is
     * loaded like any other row — nothing is dropped silently — and the clerk is told, since a hidden row is often one
     * they meant to leave out.
     */
    public static final String ROW_HIDDEN = "ROW_HIDDEN";
    /** A later row of the same file has the same natural key: found by the load, which keeps the later one. */
    public static final String RECORD_REPEATED = "RECORD_REPEATED";
    /** The store holds the record from a batch received later: found by the load, which leaves that version in place. */
    public static final String RECORD_SUPERSEDED = "RECORD_SUPERSEDED";
    /**
     * A reprocess no longer stores a record whose version had replaced an older batch's accepted row: found by the load,
     * which removes it — the store keeps one version per record — and names the older batch and row to reprocess.
     */
    public static final String RECORD_REMOVED_OLDER_VERSION_LOST = "RECORD_REMOVED_OLDER_VERSION_LOST";
    /**
     * The row's record key is the key of a stored record of the same source that another kind of file sent (a different
     * step): found by the load, which refuses the row rather than let one kind of record replace another.
     */
    public static final String RECORD_KEY_CONFLICT = "RECORD_KEY_CONFLICT";
    /**
     * A warning: the row's trace code already holds events of another source that is not its trading partner, so the
     * two become one chain on a consumer's scan. Found by the load; the row is accepted.
     */
    public static final String TRACE_CODE_SHARED = "TRACE_CODE_SHARED";
    /**
     * A warning: the row has the content of a stored record of the same source (trace code, step, time, operator,
     * counterparty, quantity) under another record key, as a key cell typed otherwise gives one (07:05 and 7:05). The id is
     * the key's text, so the two are two events: the row is accepted, and the clerk told which record it doubles.
     */
    public static final String RECORD_KEY_SPELLING = "RECORD_KEY_SPELLING";

    // whole files
    public static final String FILE_UNREADABLE = "FILE_UNREADABLE";
    public static final String FILE_ENCODING = "FILE_ENCODING";
    public static final String FILE_HEADER_MISSING = "FILE_HEADER_MISSING";
    /** A column the spec reads by name heads more than one column of the file: which one the clerk meant cannot be told. */
    public static final String FILE_HEADER_AMBIGUOUS = "FILE_HEADER_AMBIGUOUS";
    public static final String FILE_MALFORMED = "FILE_MALFORMED";
    /** Bigger than a reader accepts: an .xls above the size bound, an .xlsx that inflates like a zip bomb, a file above the hub's upload limit. */
    public static final String FILE_TOO_LARGE = "FILE_TOO_LARGE";
    /** The workbook has no sheet with the name or number the spec gives. */
    public static final String FILE_SHEET_MISSING = "FILE_SHEET_MISSING";
    /** The spec names no sheet and another sheet than the first has the same header and data rows. */
    public static final String FILE_SHEETS_AMBIGUOUS = "FILE_SHEETS_AMBIGUOUS";
    public static final String FILE_EMPTY = "FILE_EMPTY";
    public static final String FILE_DUPLICATE = "FILE_DUPLICATE";
    public static final String FILE_UNKNOWN = "FILE_UNKNOWN";
    public static final String REJECT_THRESHOLD = "REJECT_THRESHOLD";
    public static final String PROCESSING_ERROR = "PROCESSING_ERROR";
    /**
     * The hub's data disk was full, or below {@code hub.intake.min-disk-free}, while the batch was processed: the hub, not
     * the file. Retried by the hub itself once space is back, a few times, before it becomes a {@link #PROCESSING_ERROR}
     * for an admin; no receipt goes out while it waits.
     */
    public static final String DISK_FULL = "DISK_FULL";
    /** The batch's source has no mapping spec any more (removed), or none of its file kinds matches the file. */
    public static final String SPEC_MISSING = "SPEC_MISSING";
    /**
     * An attempt stopped half-way through its file and its source's spec was changed before it was resumed: finishing it
     * would convert one file with two versions of the spec, so it is refused and a reprocess starts again.
     */
    public static final String SPEC_CHANGED = "SPEC_CHANGED";

    // standard documents (XML)
    public static final String XML_DOCTYPE_FORBIDDEN = "XML_DOCTYPE_FORBIDDEN";
    public static final String XML_MALFORMED = "XML_MALFORMED";
    /** An element's value the reader cannot convert (a date, time or number): never read as if it were absent. */
    public static final String XML_VALUE_INVALID = "XML_VALUE_INVALID";
    public static final String XML_SCHEMA_INVALID = "XML_SCHEMA_INVALID";
    public static final String DOCUMENT_COUNT_MISMATCH = "DOCUMENT_COUNT_MISMATCH";

    private ErrorCodes() {
    }
}
