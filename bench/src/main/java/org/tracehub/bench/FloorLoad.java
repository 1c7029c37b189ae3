package org.tracehub.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Case 1, the floor: the CSV parsed with Commons CSV and every column inserted with JDBC batch
 * inserts into the run's database (an H2 file, or PostgreSQL: {@link BenchDatabase}), nothing else. Run as its own JVM by {@link BenchRunner}:
 * {@code FloorLoad FILE DB_PATH BATCH_SIZE [WARMUP_FILE]}; prints one {@code BENCH rows=… millis=…} line.
 */
public final class FloorLoad {

    private static final Charset GB18030 = Charset.forName("GB18030");

    private FloorLoad() {
    }

    public static void main(String[] args) throws Exception {
        ChildCaseMain.run(args, BenchDatabase::recreate, FloorLoad::load);
    }

    static long load(Path file, String db, int batchSize) throws IOException, SQLException {
        try (Connection c = DriverManager.getConnection(BenchDatabase.url(db), BenchDatabase.user(), BenchDatabase.password());
             BufferedReader reader = Files.newBufferedReader(file, GB18030)) {
            try (Statement s = c.createStatement()) {
                s.execute(BenchTableSchema.createTable());
            }
            c.setAutoCommit(false);
            reader.readLine(); // the export's title line, above the header
            long rows = 0;
            try (PreparedStatement insert = c.prepareStatement(BenchTableSchema.insert())) {
                for (CSVRecord record : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
                    for (int i = 0; i < BenchTableSchema.COLUMNS; i++) {
                        insert.setString(i + 1, i < record.size() ? record.get(i) : null);
                    }
                    insert.addBatch();
                    if (++rows % batchSize == 0) {
                        insert.executeBatch();
                        c.commit();
                    }
                }
                insert.executeBatch();
                c.commit();
            }
            return rows;
        }
    }
}
