package org.tracehub.platform.sql;

/**
 * A count of a list's rows that stops at {@code :atMost}: on PostgreSQL a {@code COUNT(*)} reads every row it counts (a
 * whole table of millions on each view of an unfiltered list), so a list that only needs to tell "more than N" counts no
 * further. The console's batch list and audit log use it.
 */
public final class CountUpTo {

    private CountUpTo() {
    }

    /**
     * The statement counting the rows of {@code rows} (a table and its WHERE: {@code "batch WHERE source_id = :source"}), at
     * most {@code :atMost} of them.
     */
    public static String of(String rows) {
        return "SELECT COUNT(*) FROM (SELECT 1 AS one FROM " + rows + " FETCH FIRST :atMost ROWS ONLY) counted";
    }
}
