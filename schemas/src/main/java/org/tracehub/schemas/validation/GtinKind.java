package org.tracehub.schemas.validation;

/** What a GTIN's GS1 prefix says about it (GS1 General Specifications, prefix list). */
public enum GtinKind {
    /** 200–299 (and GTIN-8 starting 0 or 2): numbered by the shop itself, e.g. weighed meat and vegetables. */
    IN_STORE,
    /** 020–029 and 040–049: restricted circulation within a region or a company. */
    RESTRICTED_CIRCULATION,
    /** 690–699 and 680–681: allocated by GS1 China (Article Numbering Center of China). */
    GS1_CHINA,
    /** any other GS1 member organisation's prefix */
    OTHER
}
