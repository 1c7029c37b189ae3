package org.tracehub.bench;

/** One line of the table: a case's median throughput and the largest memory and CPU figures of its runs. */
record ResultRow(String benchCase, long rows, double rowsPerSecond, JvmFigures jvm, int runs, String load, String note) {
}
