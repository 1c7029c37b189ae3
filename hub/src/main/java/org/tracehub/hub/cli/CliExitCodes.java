package org.tracehub.hub.cli;

/** The exit codes of the CLI (DESIGN.md, outside contract). Scripts key on them. */
public final class CliExitCodes {

    /** Every row accepted; the spec or the document is valid. */
    public static final int OK = 0;
    /** Some rows rejected; a standard document breaks the XSD or the rules. */
    public static final int REJECTED = 1;
    /**
     * The file or the spec could not be used at all (missing, unreadable, refused, wrong arguments), or the hub would
     * refuse the file whole (no data row, more rows rejected than the source's threshold).
     */
    public static final int UNUSABLE = 2;

    private CliExitCodes() {
    }
}
