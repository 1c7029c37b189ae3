package org.tracehub.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What H2 writes per second for the store's rows, and for less: case 1b's load ({@link StoreFloorLoad})
 * on the store's schema before V8, at V8, at V9 and now (V10: the staged XML in a file), then with one part after another left out — the
 * staged row, the payload in the event row, every index, the XML but not the indexes — and with the XML
 * deflated. It answers "which store design could reach a given fraction of the floor on H2" with figures
 * instead of estimates (bench/README.md, "What the targets need"). Not one of {@link BenchRunner}'s cases: it informs a design decision, it does not
 * measure the hub.
 * <p>{@code WriteSetVariants FILE WORK_DIR [ROUNDS]} (default 3 rounds, the variants interleaved in each
 * round); prints one line per variant: the median events/s and the database's size after the load.
 */
public final class WriteSetVariants {

    /**
     * A schema and a write set: the store's migrations up to {@code flywayTarget} ({@code null}: all)
     * then {@code ddl}, or with {@code migrate} false only {@code ddl}.
     */
    private record Variant(String name, boolean migrate, String flywayTarget, List<String> ddl, StoreFloorLoad.WriteSet writes) {

        static Variant migrated(String name, String flywayTarget, List<String> ddl, StoreFloorLoad.WriteSet writes) {
            return new Variant(name, true, flywayTarget, ddl, writes);
        }

        static Variant created(String name, List<String> ddl, StoreFloorLoad.WriteSet writes) {
            return new Variant(name, false, null, ddl, writes);
        }
    }

    /** Event and link rows with no key and no index at all: what H2 writes for the bare rows. */
    private static final List<String> NO_INDEX = List.of(
            "CREATE TABLE staged_event (batch_id VARCHAR(40) NOT NULL, attempt INT NOT NULL, row_no BIGINT NOT NULL, "
                    + "event_id CHAR(32) NOT NULL, payload VARCHAR NOT NULL)",
            "CREATE TABLE trace_event (event_id CHAR(32) NOT NULL, record_key VARCHAR(200) NOT NULL, trace_code VARCHAR(64) NOT NULL, "
                    + "category VARCHAR(20) NOT NULL, step VARCHAR(20) NOT NULL, event_time TIMESTAMP WITH TIME ZONE NOT NULL, "
                    + "operator_uscc VARCHAR(18), operator_name VARCHAR(200), node_type VARCHAR(32), product_code VARCHAR(64), "
                    + "product_name VARCHAR(200), quantity DECIMAL(20, 6), unit VARCHAR(3), origin VARCHAR(6), "
                    + "source_id VARCHAR(64) NOT NULL, batch_id VARCHAR(40) NOT NULL, attempt INT NOT NULL, row_no BIGINT NOT NULL, "
                    + "payload VARCHAR, loaded_at TIMESTAMP WITH TIME ZONE NOT NULL)",
            "CREATE TABLE trace_link (event_id CHAR(32) NOT NULL, trace_code VARCHAR(64) NOT NULL, input_code VARCHAR(64) NOT NULL)");

    private static final String PAYLOAD_NULLABLE = "ALTER TABLE trace_event ALTER COLUMN payload SET NULL";

    /** Both payload columns as bytes, for the deflated XML. */
    private static final List<String> PAYLOAD_BINARY = List.of(
            "ALTER TABLE staged_event ALTER COLUMN payload SET DATA TYPE VARBINARY",
            "ALTER TABLE trace_event ALTER COLUMN payload SET DATA TYPE VARBINARY");

    private static final List<Variant> VARIANTS = List.of(
            Variant.migrated("before V8: event and link keyed by the event id", "7", List.of(), StoreFloorLoad.WriteSet.HUB_V9),
            Variant.migrated("V8: link keyed by trace code, event by its id", "8", List.of(), StoreFloorLoad.WriteSet.HUB_V9),
            Variant.migrated("V9: event keyed by (record key, source)", "9", List.of(), StoreFloorLoad.WriteSet.HUB_V9),
            Variant.migrated("now, without the staged row", null, List.of(), new StoreFloorLoad.WriteSet(false, true)),
            Variant.migrated("now, the XML in the staged row only", null, List.of(PAYLOAD_NULLABLE),
                    new StoreFloorLoad.WriteSet(true, false)),
            Variant.created("event and link rows only: no key, no index", NO_INDEX, new StoreFloorLoad.WriteSet(false, false)),
            Variant.created("the hub's rows and XML (V9), no key, no index", NO_INDEX, StoreFloorLoad.WriteSet.HUB_V9),
            Variant.migrated("now, keys and indexes, no XML anywhere", null, List.of(PAYLOAD_NULLABLE),
                    new StoreFloorLoad.WriteSet(false, false)),
            Variant.migrated("now, the XML deflated (preset dictionary) in both rows", null, PAYLOAD_BINARY,
                    new StoreFloorLoad.WriteSet(true, true, true, false)),
            Variant.migrated("now (V10): the staged XML in a file, its row pointing at it", null, List.of(), StoreFloorLoad.WriteSet.HUB));

    private WriteSetVariants() {
    }

    public static void main(String[] args) throws Exception {
        if (BenchDatabase.postgres()) {
            throw new IllegalArgumentException("WriteSetVariants measures H2's files; it has no PostgreSQL form");
        }
        Path file = Path.of(args[0]);
        Path work = Files.createDirectories(Path.of(args[1]));
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        List<List<Double>> rates = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        VARIANTS.forEach(v -> {
            rates.add(new ArrayList<>());
            sizes.add(0L);
        });
        String only = System.getProperty("bench.variants", ""); // e.g. "1,6": indexes into VARIANTS
        List<Integer> chosen = new ArrayList<>();
        for (int i = 0; i < VARIANTS.size(); i++) {
            if (only.isBlank() || List.of(only.split(",")).contains(String.valueOf(i))) {
                chosen.add(i);
            }
        }
        for (int round = 0; round < rounds; round++) {
            for (int i : chosen) {
                Variant variant = VARIANTS.get(i);
                String db = work.resolve("variant-" + i).toString();
                prepare(db, variant);
                long start = System.nanoTime();
                long rows = StoreFloorLoad.load(file, db, 1000, variant.writes());
                double seconds = (System.nanoTime() - start) / 1e9;
                rates.get(i).add(rows / seconds);
                sizes.set(i, Math.max(sizes.get(i), Files.size(Path.of(db + ".mv.db"))));
                BenchDatabase.recreate(db); // 5–9 GB each at 1,000,000 events
                System.out.printf("round %d  %-70s %,8.0f events/s%n", round + 1, variant.name(), rows / seconds);
            }
        }
        System.out.println();
        System.out.println("| write set | events/s (median) | database MB |");
        System.out.println("|---|---:|---:|");
        for (int i : chosen) {
            List<Double> sorted = rates.get(i).stream().sorted().toList();
            System.out.printf("| %s | %,.0f | %,d |%n", VARIANTS.get(i).name(), sorted.get(sorted.size() / 2), sizes.get(i) >> 20);
        }
    }

    private static void prepare(String db, Variant variant) throws Exception {
        if (variant.migrate()) {
            StoreFloorLoad.migrate(db, variant.flywayTarget());
        } else {
            BenchDatabase.recreate(db);
        }
        try (Connection c = DriverManager.getConnection(BenchDatabase.url(db), BenchDatabase.user(), BenchDatabase.password());
             Statement s = c.createStatement()) {
            for (String statement : variant.ddl()) {
                s.execute(statement);
            }
        }
    }
}
