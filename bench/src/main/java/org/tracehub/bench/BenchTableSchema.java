package org.tracehub.bench;

import java.util.StringJoiner;

/** The table the floor and the plain Spring Batch job both fill: every column of the CSV as text. */
final class BenchTableSchema {

    /** Columns of meat-wholesale-xj's export (序号 … 产地). */
    static final int COLUMNS = 13;
    static final String TABLE = "bench_row";

    private BenchTableSchema() {
    }

    static String createTable() {
        StringJoiner columns = new StringJoiner(", ", "CREATE TABLE " + TABLE + " (", ")");
        for (int i = 1; i <= COLUMNS; i++) {
            columns.add("c" + i + " VARCHAR(400)");
        }
        return columns.toString();
    }

    static String insert() {
        StringJoiner names = new StringJoiner(", ");
        StringJoiner marks = new StringJoiner(", ");
        for (int i = 1; i <= COLUMNS; i++) {
            names.add("c" + i);
            marks.add("?");
        }
        return "INSERT INTO " + TABLE + " (" + names + ") VALUES (" + marks + ")";
    }
}
