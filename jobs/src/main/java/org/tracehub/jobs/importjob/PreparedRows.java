package org.tracehub.jobs.importjob;

import java.util.List;

/**
 * A run of consecutive rows of the file, the convert step's item and, alone, its chunk: up to {@code hub.jobs.chunk-size}
 * rows, fewer when their characters pass {@link ConvertingReader#RUN_CHARACTERS}, never none. Spring Batch 6's chunk step
 * ends a chunk only by its count of items, so a chunk of wide rows (a rejected row keeps every raw cell, up to a million
 * characters of an XLSX row or an XML record) is bounded by size here.
 */
record PreparedRows(List<PreparedRow> rows) {

    PreparedRows {
        rows = List.copyOf(rows);
    }
}
