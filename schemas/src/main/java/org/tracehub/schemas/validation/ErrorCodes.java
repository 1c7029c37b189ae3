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
    public static final String GTIN_FORMAT = "GTIN_FORMAT";
    public static final String GTIN_CHECK_DIGIT = "GTIN_CHECK_DIGIT";
    public static final String REGION_FORMAT = "REGION_FORMAT";
    public static final String REGION_UNKNOWN = "REGION_UNKNOWN";

    // fields and values
    public static final String FIELD_REQUIRED = "FIELD_REQUIRED";
    public static final String CERTIFICATE_REQUIRED = "CERTIFICATE_REQUIRED";
    public static final String DATE_FORMAT = "DATE_FORMAT";
    public static final String NUMBER_FORMAT = "NUMBER_FORMAT";
    public static final String UNIT_UNKNOWN = "UNIT_UNKNOWN";
    public static final String QUANTITY_NOT_POSITIVE = "QUANTITY_NOT_POSITIVE";
    public static final String TIME_IN_FUTURE = "TIME_IN_FUTURE";
    public static final String INPUT_IS_SELF = "INPUT_IS_SELF";
    public static final String LOOKUP_MISSING = "LOOKUP_MISSING";
    public static final String VALUE_TOO_LONG = "VALUE_TOO_LONG";
    public static final String EXPRESSION_FAILED = "EXPRESSION_FAILED";

    // whole files
    public static final String FILE_UNREADABLE = "FILE_UNREADABLE";
    public static final String FILE_ENCODING = "FILE_ENCODING";
    public static final String FILE_HEADER_MISSING = "FILE_HEADER_MISSING";
    public static final String FILE_MALFORMED = "FILE_MALFORMED";
    public static final String FILE_EMPTY = "FILE_EMPTY";
    public static final String FILE_DUPLICATE = "FILE_DUPLICATE";
    public static final String FILE_UNKNOWN = "FILE_UNKNOWN";
    public static final String REJECT_THRESHOLD = "REJECT_THRESHOLD";
    public static final String PROCESSING_ERROR = "PROCESSING_ERROR";

    private ErrorCodes() {
    }
}
