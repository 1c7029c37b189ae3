package org.tracehub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /** A fresh database for a run: the file of an earlier one is removed. */
    static void deleteDatabase(String dbPath) throws IOException {
        Files.deleteIfExists(Path.of(dbPath + ".mv.db"));
    }

    /**
     * The same H2 configuration as the hub's embedded default ({@code jdbc:h2:file:…;DB_CLOSE_ON_EXIT=FALSE}),
     * plus the system property {@code bench.h2-settings} (e.g. {@code ;COMPRESS=TRUE}) when a setting is tried:
     * the hub gets the same through {@code bench.hub-args=--spring.datasource.url=…}.
     */
    static String url(String dbPath) {
        return "jdbc:h2:file:" + dbPath + ";DB_CLOSE_ON_EXIT=FALSE" + System.getProperty("bench.h2-settings", "");
    }
}
