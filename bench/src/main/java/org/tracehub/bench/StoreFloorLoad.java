package org.tracehub.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.flywaydb.core.Flyway;
import org.springframework.util.FileSystemUtils;
import org.tracehub.platform.staging.StagedPayloadFiles;
import org.tracehub.platform.storage.HubStorage;

/**
 * Case 1b, the store's floor: what the database (H2, or PostgreSQL: {@link BenchDatabase}) costs for the rows the hub writes per event, with nothing of the
 * hub's work around it. The same CSV parsed with Commons CSV; the store's real schema (the platform's
 * Flyway migrations, so its primary keys and indexes); per record a {@code staged_event} row pointing at the
 * event's standard XML (about 1 KB as the hub stages it), appended to a staged file beside the database with the hub's
 * {@link StagedPayloadFiles} (V10), a {@code trace_event} row (its columns and
 * the XML again, keyed by the record's natural key, V9) and a {@code trace_link} row per input lot,
 * with a SHA-256 event id like the hub's; JDBC batches of {@code BATCH_SIZE} rows, a commit every 20,000 events as the hub's
 * first load ({@code hub.jobs.load-transaction-size}).
 * No mapping, validation, JAXB, Spring Batch, deletes or operator and product rows: the difference to
 * the floor is the schema's, the difference to the hub is the hub's.
 * {@code StoreFloorLoad FILE DB_PATH BATCH_SIZE [WARMUP_FILE]}; prints one {@code BENCH rows=… millis=…} line.
 */
public final class StoreFloorLoad {

    private static final Charset GB18030 = Charset.forName("GB18030");
    static final int COMMIT_EVERY = 20_000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy/M/d H:mm");
    private static final ZoneOffset SHANGHAI = ZoneOffset.ofHours(8);

    private StoreFloorLoad() {
    }

    public static void main(String[] args) throws Exception {
        ChildCaseMain.run(args, StoreFloorLoad::migrate, StoreFloorLoad::load);
    }

    static void migrate(String db) throws IOException, SQLException {
        migrate(db, null);
    }

    /** The store's schema up to Flyway version {@code target} ({@code null}: the newest). */
    static void migrate(String db, String target) throws IOException, SQLException {
        BenchDatabase.recreate(db);
        var flyway = Flyway.configure().dataSource(BenchDatabase.url(db), BenchDatabase.user(), BenchDatabase.password())
                .locations("classpath:db/migration/common", "classpath:db/migration/" + BenchDatabase.vendor());
        if (target != null) {
            flyway.target(target);
        }
        flyway.load().migrate();
    }

    /**
     * What is written per event: the hub's write set is a staged row, its XML in the attempt's staged file and the event
     * row with the XML ({@link #HUB}, V10); {@link WriteSetVariants} leaves parts out or writes as earlier versions did.
     */
    record WriteSet(boolean stagedRow, boolean payload, boolean deflated, boolean stagedXmlInFile) {
        static final WriteSet HUB = new WriteSet(true, true, false, true);
        /** Until V10: the staged XML in its row. */
        static final WriteSet HUB_V9 = new WriteSet(true, true, false, false);

        WriteSet(boolean stagedRow, boolean payload) {
            this(stagedRow, payload, false, false);
        }
    }

    static long load(Path file, String db, int batchSize) throws IOException, SQLException, NoSuchAlgorithmException {
        return load(file, db, batchSize, WriteSet.HUB);
    }

    static long load(Path file, String db, int batchSize, WriteSet writes) throws IOException, SQLException, NoSuchAlgorithmException {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        PayloadDeflater deflater = new PayloadDeflater();
        OffsetDateTime loadedAt = OffsetDateTime.now(SHANGHAI);
        try (Connection c = DriverManager.getConnection(BenchDatabase.url(db), BenchDatabase.user(), BenchDatabase.password());
             BufferedReader reader = Files.newBufferedReader(file, GB18030)) {
            c.setAutoCommit(false);
            boolean recordKeys = hasColumn(c, "trace_event", "record_key"); // V9 on; older schemas for WriteSetVariants
            reader.readLine(); // the export's title line, above the header
            long rows = 0;
            try (PreparedStatement staged = c.prepareStatement(writes.stagedXmlInFile()
                         ? "INSERT INTO staged_event (batch_id, attempt, row_no, event_id, payload_offset, payload_length, payload_crc) "
                                 + "VALUES (?, 1, ?, ?, ?, ?, ?)"
                         : "INSERT INTO staged_event (batch_id, attempt, row_no, event_id, payload) VALUES (?, 1, ?, ?, ?)");
                 PreparedStatement event = c.prepareStatement("INSERT INTO trace_event (event_id, trace_code, category, step, "
                         + "event_time, operator_uscc, operator_name, node_type, product_code, product_name, quantity, unit, origin, "
                         + "source_id, batch_id, attempt, row_no, payload, loaded_at" + (recordKeys ? ", record_key" : "") + ") "
                         + "VALUES (?, ?, 'MEAT', 'WHOLESALE', ?, '91310000631696382C', '上海西郊国际农产品交易有限公司', 'WHOLESALE', "
                         + "'010102', ?, ?, 'KGM', ?, 'meat-wholesale-xj', ?, 1, ?, ?, ?" + (recordKeys ? ", ?" : "") + ")");
                 PreparedStatement link = c.prepareStatement("INSERT INTO trace_link (event_id, trace_code, input_code) VALUES (?, ?, ?)")) {
                String batchId = "bench-" + Path.of(db).getFileName();
                StagedFile stagedFile = writes.stagedXmlInFile() ? new StagedFile(Path.of(db + "-data"), batchId, staged) : null;
                for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
                    rows++;
                    String traceCode = r.get(2);
                    if (traceCode.isBlank()) {
                        continue; // the totals row (合计): no event, as the hub's spec skips it
                    }
                    String eventId = HexFormat.of().formatHex(sha256.digest(("meat-wholesale-xj|" + r.get(1))
                            .getBytes(StandardCharsets.UTF_8)), 0, 16);
                    // built only when written: a variant without it must not pay for it
                    String payload = writes.stagedRow() || writes.payload() ? payload(eventId, r, batchId, rows) : null;
                    byte[] deflated = payload != null && writes.deflated() ? deflater.deflate(payload) : null;
                    if (stagedFile != null) {
                        stagedFile.add(rows, eventId, payload);
                    } else if (writes.stagedRow()) {
                        staged.setString(1, batchId);
                        staged.setLong(2, rows);
                        staged.setString(3, eventId);
                        if (deflated != null) {
                            staged.setBytes(4, deflated);
                        } else {
                            staged.setString(4, payload);
                        }
                        staged.addBatch();
                    }
                    event.setString(1, eventId);
                    event.setString(2, traceCode);
                    event.setObject(3, time(r.get(3)));
                    event.setString(4, r.get(6));
                    event.setBigDecimal(5, decimal(r.get(7)));
                    event.setString(6, r.get(12).isBlank() ? null : r.get(12));
                    event.setString(7, batchId);
                    event.setLong(8, rows);
                    if (deflated != null && writes.payload()) {
                        event.setBytes(9, deflated);
                    } else {
                        event.setString(9, writes.payload() ? payload : null);
                    }
                    event.setObject(10, loadedAt);
                    if (recordKeys) {
                        // EventIds.recordKey of the spec's natural key: voucher number and trace code
                        event.setString(11, "\u001f" + r.get(1) + "\u001f" + traceCode);
                    }
                    event.addBatch();
                    Set<String> inputs = new LinkedHashSet<>(); // a lot named twice is one link, as in the hub
                    for (String input : r.get(11).split(";")) {
                        if (!input.isBlank()) {
                            inputs.add(input.strip());
                        }
                    }
                    for (String input : inputs) {
                        link.setString(1, eventId);
                        link.setString(2, traceCode);
                        link.setString(3, input);
                        link.addBatch();
                    }
                    if (rows % batchSize == 0) {
                        if (stagedFile != null) {
                            stagedFile.flush();
                        }
                        executeBatches(staged, event, link);
                    }
                    if (rows % COMMIT_EVERY == 0) {
                        c.commit();
                    }
                }
                if (stagedFile != null) {
                    stagedFile.flush();
                }
                executeBatches(staged, event, link);
                c.commit();
                if (stagedFile != null && !BenchDatabase.keepData()) {
                    stagedFile.delete();
                }
            }
            return rows;
        }
    }

    /**
     * The staged rows of a JDBC batch with their XML appended to the attempt's file by the hub's own {@link StagedPayloadFiles}
     * before the rows are added.
     */
    private static final class StagedFile {

        private final Path dataDir;
        private final StagedPayloadFiles files;
        private final String batchId;
        private final PreparedStatement staged;
        private final List<Pending> pending = new ArrayList<>();

        private record Pending(long row, String eventId, String payload) {
        }

        StagedFile(Path dataDir, String batchId, PreparedStatement staged) throws IOException {
            this.dataDir = dataDir;
            delete();
            // forced per batch on PostgreSQL only, as the hub's profiles do (hub.staging.force-to-disk)
            this.files = new StagedPayloadFiles(new HubStorage(dataDir.toString()), BenchDatabase.postgres());
            this.batchId = batchId;
            this.staged = staged;
        }

        /** The staged files go with the run's database (a 1,000,000-row run stages about 1 GB). */
        void delete() throws IOException {
            FileSystemUtils.deleteRecursively(dataDir);
        }

        void add(long row, String eventId, String payload) {
            pending.add(new Pending(row, eventId, payload));
        }

        void flush() throws SQLException {
            if (pending.isEmpty()) {
                return;
            }
            List<StagedPayloadFiles.Slice> slices = files.append(batchId, 1, pending.stream().map(p -> p.payload().getBytes(StandardCharsets.UTF_8)).toList());
            for (int i = 0; i < pending.size(); i++) {
                staged.setString(1, batchId);
                staged.setLong(2, pending.get(i).row());
                staged.setString(3, pending.get(i).eventId());
                staged.setLong(4, slices.get(i).offset());
                staged.setInt(5, slices.get(i).length());
                staged.setLong(6, slices.get(i).crc());
                staged.addBatch();
            }
            pending.clear();
        }
    }

    private static boolean hasColumn(Connection c, String table, String column) throws SQLException {
        // H2 keeps unquoted names in upper case, PostgreSQL in lower case
        try (var upper = c.getMetaData().getColumns(null, null, table.toUpperCase(Locale.ROOT), column.toUpperCase(Locale.ROOT));
             var lower = c.getMetaData().getColumns(null, null, table, column)) {
            return upper.next() || lower.next();
        }
    }

    private static void executeBatches(PreparedStatement... statements) throws SQLException {
        for (PreparedStatement statement : statements) {
            statement.executeBatch();
        }
    }

    /** The event as the hub stages it (the standard's XML of a wholesale sale), with the record's values. */
    private static String payload(String eventId, CSVRecord r, String batchId, long row) {
        return "<event xmlns=\"urn:shanghai:trace:standard:1\"><eventId>" + eventId + "</eventId><category>MEAT</category>"
                + "<step>WHOLESALE</step><time>" + time(r.get(3)) + "</time><traceCode>" + r.get(2) + "</traceCode><inputs><input>"
                + r.get(11) + "</input></inputs><operator><uscc>91310000631696382C</uscc><name>上海西郊国际农产品交易有限公司</name>"
                + "<nodeCode>310112001</nodeCode><nodeType>WHOLESALE</nodeType></operator><counterparty><uscc>" + r.get(5)
                + "</uscc><name>" + r.get(4) + "</name></counterparty><product><code>010102</code><name>" + r.get(6)
                + "</name></product><quantity unit=\"KGM\">" + decimal(r.get(7)) + "</quantity><origin>" + r.get(12)
                + "</origin><transaction><voucherNo>" + r.get(1) + "</voucherNo><unitPrice>" + r.get(8)
                + "</unitPrice></transaction><certificates><certificate><type>ANIMAL_QUARANTINE</type><number>" + r.get(9)
                + "</number></certificate><certificate><type>MEAT_QUALITY</type><number>" + r.get(10)
                + "</number></certificate></certificates><provenance><sourceId>meat-wholesale-xj</sourceId><batchId>" + batchId
                + "</batchId><attempt>1</attempt><row>" + row + "</row></provenance></event>";
    }

    private static OffsetDateTime time(String text) {
        try {
            return LocalDateTime.parse(text.strip(), TIME).atOffset(SHANGHAI);
        } catch (RuntimeException planted) {
            return OffsetDateTime.of(2026, 11, 27, 0, 0, 0, 0, SHANGHAI); // a row with a planted mistake: still written
        }
    }

    private static BigDecimal decimal(String text) {
        try {
            return new BigDecimal(text.replace(",", "").strip());
        } catch (RuntimeException planted) {
            return BigDecimal.ZERO;
        }
    }
}
