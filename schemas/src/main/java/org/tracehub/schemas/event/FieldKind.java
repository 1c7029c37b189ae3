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
    /**
     * an amount of money per a unit (a unit price): when the unit it is per is known, converted to per the UN/ECE Rec 20
     * unit, as the quantity is, and that unit recorded ({@code perUnit})
     */
    PRICE,
    /** a list of trace codes */
    LIST
}
