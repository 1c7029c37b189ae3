package org.tracehub.mappings.engine;

import java.util.List;
import org.tracehub.schemas.standard.v1.TraceEvent;

/** What became of one row: an event, a rejection with every reason, or a row skipped by the spec. */
public sealed interface ConvertedRow {

    long row();

    /**
     * The row became an event; warnings did not stop it. {@code recordKey} is the row's natural key as
     * the store finds the event by it ({@code EventIds.recordKey}).
     */
    record Accepted(long row, TraceEvent event, List<RowError> warnings, String recordKey) implements ConvertedRow {
    }

    /** The row was refused; {@code cells} keeps everything it contained. */
    record Rejected(long row, List<RowError> errors, List<String> cells) implements ConvertedRow {
    }

    /** A title, totals or blank row left out on purpose. */
    record Skipped(long row, String reason) implements ConvertedRow {

        /** The reason of a row without any value: the only one no skip rule of the spec decides. */
        public static final String BLANK = "空行";
    }
}
