package org.tracehub.jobs.importjob;

import java.util.List;
import org.tracehub.mappings.engine.ConvertedRow;
import org.tracehub.mappings.engine.RowError;

/**
 * A row as the convert step's reader hands it to its writer: converted, and for an accepted row its event
 * already written as the staged XML, UTF-8 ({@link StagedEventXml}), so that the writing happens on the reader's
 * thread, not on the one that writes to the database.
 */
record PreparedRow(ConvertedRow converted, byte[] stagedXml) {

    /**
     * Roughly the characters the row holds until it is written: a rejected row's raw cells (all of them, however many the
     * spec reads) and its problems' texts and values, an accepted row's staged XML and its warnings.
     */
    long characters() {
        long n = stagedXml == null ? 0 : stagedXml.length;
        if (converted instanceof ConvertedRow.Rejected r) {
            for (String cell : r.cells()) {
                n += cell == null ? 0 : cell.length();
            }
            n += characters(r.errors());
        } else if (converted instanceof ConvertedRow.Accepted a) {
            n += characters(a.warnings());
        }
        return n;
    }

    private static long characters(List<RowError> problems) {
        long n = 0;
        for (RowError e : problems) {
            n += (e.message() == null ? 0 : e.message().length()) + (e.value() == null ? 0 : e.value().length());
        }
        return n;
    }
}
