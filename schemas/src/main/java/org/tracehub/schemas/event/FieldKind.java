package org.tracehub.schemas.event;

/** What kind of value a standard field takes; the mapping engine converts raw cells accordingly. */
public enum FieldKind {
    TEXT,
    CODE_LIST,
    DATE_TIME,
    DATE,
    DECIMAL,
    INTEGER,
    /** a decimal with a unit, converted to the UN/ECE Rec 20 unit */
    QUANTITY,
    /** a list of trace codes */
    LIST
}
