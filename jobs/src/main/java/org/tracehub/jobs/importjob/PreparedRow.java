package org.tracehub.jobs.importjob;

import org.tracehub.mappings.engine.ConvertedRow;

/**
 * A row as the convert step's reader hands it to its writer: converted, and for an accepted row its event
 * already written as the staged XML, UTF-8 ({@link StagedEventXml}), so that the writing happens on the reader's
 * thread, not on the one that writes to the database.
 */
record PreparedRow(ConvertedRow converted, byte[] stagedXml) {
}
