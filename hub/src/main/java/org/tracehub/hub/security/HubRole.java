package org.tracehub.hub.security;

/**
 * The hub's roles. ADMIN, OPERATOR and VIEWER form a hierarchy (each includes the next);
 * SOURCE stands apart: a sender that sees only its own source.
 */
public enum HubRole {

    /** Everything: reprocess, upload for any source, dry runs, the audit log, all actuator endpoints. */
    ADMIN("管理员"),
    /** Reads everything, retries failed batches, scrapes metrics. */
    OPERATOR("运维人员"),
    /** Reads everything, changes nothing. */
    VIEWER("只读用户"),
    /** A sender: uploads to, and reads the batches, receipts and labels of, its own source only. */
    SOURCE("数据来源");

    /** Spring Security's hierarchy expression for the three staff roles. */
    static final String HIERARCHY = "ROLE_ADMIN > ROLE_OPERATOR\nROLE_OPERATOR > ROLE_VIEWER";

    private final String chineseName;

    HubRole(String chineseName) {
        this.chineseName = chineseName;
    }

    public String chineseName() {
        return chineseName;
    }

    /** The granted authority's name, {@code ROLE_<name>}. */
    public String authority() {
        return "ROLE_" + name();
    }
}
