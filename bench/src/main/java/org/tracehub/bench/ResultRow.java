package org.tracehub.bench;

/** One line of the table: a case's median throughput and the largest memory figures of its runs. */
record ResultRow(String benchCase, long rows, double rowsPerSecond, JvmFigures memory, int runs, String load, String note) {
}
