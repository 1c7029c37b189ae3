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
 * on the store's schema before and after V8, then with one part after another left out — the staged
 * row, the random event-id key, the payload, every index. It answers "which store design could reach
 * a given fraction of the floor on H2" with figures instead of estimates (bench/README.md, "What the
 * targets need"). Not one of {@link BenchRunner}'s cases: it informs a design decision, it does not
 * measure the hub.
 * <p>{@code WriteSetVariants FILE WORK_DIR [ROUNDS]} (default 3 rounds, the variants interleaved in each
 * round); prints one line per variant: the median events/s and the database's size after the load.
 */
public final class WriteSetVariants {

    private record Variant(String name, String flywayTarget, List<String> ddl, StoreFloorLoad.WriteSet writes) {
    }

    /** The columns of the store's trace_event (V1) with a nullable payload, keyed as {@code key} says. */
    private static String eventTable(String key) {
        return "CREATE TABLE trace_event (event_id CHAR(32) NOT NULL, trace_code VARCHAR(64) NOT NULL, category VARCHAR(20) NOT NULL, "
                + "step VARCHAR(20) NOT NULL, event_time TIMESTAMP WITH TIME ZONE NOT NULL, operator_uscc VARCHAR(18), "
                + "operator_name VARCHAR(200), node_type VARCHAR(32), product_code VARCHAR(64), product_name VARCHAR(200), "
                + "quantity DECIMAL(20, 6), unit VARCHAR(3), origin VARCHAR(6), source_id VARCHAR(64) NOT NULL, "
                + "batch_id VARCHAR(40) NOT NULL, attempt INT NOT NULL, row_no BIGINT NOT NULL, payload VARCHAR, "
                + "loaded_at TIMESTAMP WITH TIME ZONE NOT NULL, " + key + ")";
    }

    private static final String STAGED_TABLE = "CREATE TABLE staged_event (batch_id VARCHAR(40) NOT NULL, attempt INT NOT NULL, "
            + "row_no BIGINT NOT NULL, event_id CHAR(32) NOT NULL, payload VARCHAR NOT NULL, PRIMARY KEY (batch_id, attempt, row_no))";
    private static final String LINK_TABLE = "CREATE TABLE trace_link (event_id CHAR(32) NOT NULL, trace_code VARCHAR(64) NOT NULL, "
            + "input_code VARCHAR(64) NOT NULL";

    /** V8's tables and indexes, but the event keyed by its place in the batch (sequential) and found by id through an index. */
    private static final List<String> EVENT_KEYED_BY_ROW = List.of(
            STAGED_TABLE,
            eventTable("PRIMARY KEY (batch_id, attempt, row_no)"),
            "CREATE INDEX ix_event_id ON trace_event (event_id)",
            "CREATE INDEX ix_trace_event_code_time ON trace_event (trace_code, event_time)",
            LINK_TABLE + ", PRIMARY KEY (trace_code, input_code, event_id))",
            "CREATE INDEX ix_trace_link_input_code ON trace_link (input_code, trace_code)");

    private static final List<Variant> VARIANTS = List.of(
            new Variant("store schema before V8 (link keyed by event id)", "7", List.of(), StoreFloorLoad.WriteSet.HUB),
            new Variant("store schema now (V8: link keyed by trace code)", null, List.of(), StoreFloorLoad.WriteSet.HUB),
            new Variant("now, without the staged row", null, List.of(), new StoreFloorLoad.WriteSet(false, true)),
            new Variant("… and the event keyed by (batch, attempt, row), event-id index kept", null, EVENT_KEYED_BY_ROW,
                    new StoreFloorLoad.WriteSet(false, true)),
            new Variant("… and without the payload", null, EVENT_KEYED_BY_ROW,
                    new StoreFloorLoad.WriteSet(false, false)),
            new Variant("event and link rows only: no index, no event-id key", null, List.of(
                    STAGED_TABLE,
                    eventTable("PRIMARY KEY (batch_id, attempt, row_no)"),
                    LINK_TABLE + ")"),
                    new StoreFloorLoad.WriteSet(false, false)));

    private WriteSetVariants() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        Path work = Files.createDirectories(Path.of(args[1]));
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        List<List<Double>> rates = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        VARIANTS.forEach(v -> {
            rates.add(new ArrayList<>());
            sizes.add(0L);
        });
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < VARIANTS.size(); i++) {
                Variant variant = VARIANTS.get(i);
                String db = work.resolve("variant-" + i).toString();
                prepare(db, variant);
                long start = System.nanoTime();
                long rows = StoreFloorLoad.load(file, db, 1000, variant.writes());
                double seconds = (System.nanoTime() - start) / 1e9;
                rates.get(i).add(rows / seconds);
                sizes.set(i, Math.max(sizes.get(i), Files.size(Path.of(db + ".mv.db"))));
                BenchTableSchema.deleteDatabase(db); // 5–9 GB each at 1,000,000 events
                System.out.printf("round %d  %-70s %,8.0f events/s%n", round + 1, variant.name(), rows / seconds);
            }
        }
        System.out.println();
        System.out.println("| write set | events/s (median) | database MB |");
        System.out.println("|---|---:|---:|");
        for (int i = 0; i < VARIANTS.size(); i++) {
            List<Double> sorted = rates.get(i).stream().sorted().toList();
            System.out.printf("| %s | %,.0f | %,d |%n", VARIANTS.get(i).name(), sorted.get(sorted.size() / 2), sizes.get(i) >> 20);
        }
    }

    private static void prepare(String db, Variant variant) throws Exception {
        if (variant.ddl().isEmpty()) {
            StoreFloorLoad.migrate(db, variant.flywayTarget());
            return;
        }
        BenchTableSchema.deleteDatabase(db);
        try (Connection c = DriverManager.getConnection(BenchTableSchema.url(db), "sa", "");
             Statement s = c.createStatement()) {
            for (String statement : variant.ddl()) {
                s.execute(statement);
            }
        }
    }
}
