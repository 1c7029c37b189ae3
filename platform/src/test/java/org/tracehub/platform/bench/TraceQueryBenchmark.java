package org.tracehub.platform.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tracehub.platform.trace.TraceChain;
import org.tracehub.platform.trace.TraceChainQuery;
import org.tracehub.schemas.event.EventIds;

/**
 * Loads a city-sized store into an H2 file database and measures the trace-chain query. Not a
 * test: run it by hand (see platform/README.md). Arguments: {@code [events] [queries] [directory]},
 * default 10,000,000 events, 10,000 queries, a fresh temporary directory (deleted afterwards unless given).
 * A directory that already holds the database from an earlier run with the same number of events
 * is queried again without loading (the generator is deterministic, so the same codes are asked for).
 *
 * <p>The data are realistic chains: pork (live-pig lot → slaughter lot → 4 wholesale lots → a
 * supermarket's receipt of each → 5 retail sales of each: 30 events, upstream depth up to 4),
 * vegetables (harvest → market entry → 3 wholesale lots → 6 retail sales each: 23 events), and
 * elevators (24 maintenance or inspection records each). One slaughter lot in a hundred names a
 * live-pig lot nobody reported (a gap). Operators come from a pool of 100,000 businesses. Payloads
 * are standard XML of the real size. The queries are what the city asks: mostly consumers scanning
 * retail sales, then regulators looking at lots and equipment.
 */
public final class TraceQueryBenchmark {

    private static final int OPERATORS = 100_000;
    private static final String[] REGIONS = {"341122", "320583", "310151", "370283", "410823", "510112", "330424", "310117"};
    private static final OffsetDateTime START = OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(8));
    private static final int BATCH = 5_000;
    private static final int COMMIT = 20_000;

    private final Random random = new Random(20261128);
    private final List<String> consumerCodes = new ArrayList<>();
    private final List<String> lotCodes = new ArrayList<>();
    private final List<String> equipmentCodes = new ArrayList<>();
    private PreparedStatement events;
    private PreparedStatement links;
    private long eventCount;
    private long linkCount;
    private long pending;
    private long uncommitted;
    private Connection connection;
    private boolean reuse;

    public static void main(String[] args) throws Exception {
        long target = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 10_000_000L;
        int queries = args.length > 1 ? Integer.parseInt(args[1].replace("_", "")) : 10_000;
        boolean temporary = args.length < 3;
        Path dir = temporary ? Files.createTempDirectory("trace-bench-") : Files.createDirectories(Path.of(args[2]));
        try {
            new TraceQueryBenchmark().run(target, queries, dir);
        } finally {
            if (temporary) {
                deleteTree(dir);
            }
        }
    }

    private void run(long target, int queries, Path dir) throws Exception {
        // decided before the pool opens (and so creates) the database file
        reuse = Files.exists(dir.resolve("bench.mv.db"));
        HikariConfig config = new HikariConfig();
        // a 1 GB page cache: the hot part of the indexes stays in memory, as it would on a database server
        config.setJdbcUrl("jdbc:h2:file:" + dir.resolve("bench") + ";CACHE_SIZE=1048576");
        config.setUsername("sa");
        config.setPassword("");
        config.setMaximumPoolSize(2);
        try (HikariDataSource ds = new HikariDataSource(config)) {
            Flyway.configure().dataSource(ds).locations("classpath:db/migration/common", "classpath:db/migration/h2").load().migrate();
            long loadStart = System.nanoTime();
            load(ds, target);
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
            if (reuse) {
                System.out.printf("reusing the database in %s: %,d events, %,d links; %,d MB%n", dir, eventCount, linkCount,
                        size(dir) / (1024 * 1024));
            } else {
                System.out.printf("loaded %,d events and %,d links in %.0f s (%,.0f events/s); database %,d MB%n",
                        eventCount, linkCount, loadSeconds, eventCount / loadSeconds, size(dir) / (1024 * 1024));
            }
            measure(new TraceChainQuery(JdbcClient.create(ds)), queries);
        }
        System.out.printf("peak heap %,d MB%n", peakHeap() / (1024 * 1024));
    }

    private void load(HikariDataSource ds, long target) throws SQLException {
        try (Connection c = ds.getConnection()) {
            connection = c;
            c.setAutoCommit(false);
            if (!reuse) {
                operators(c);
                products(c);
            }
            events = c.prepareStatement("INSERT INTO trace_event (event_id, trace_code, category, step, event_time, operator_uscc, "
                    + "operator_name, node_type, product_code, product_name, quantity, unit, origin, source_id, batch_id, attempt, "
                    + "row_no, payload, loaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)");
            links = c.prepareStatement("INSERT INTO trace_link (event_id, trace_code, input_code) VALUES (?, ?, ?)");
            long family = 0;
            long reportEvery = Math.max(target / 10, 1);
            long nextReport = reportEvery;
            while (eventCount < target) {
                int kind = random.nextInt(100);
                if (kind < 80) {
                    pork(family);
                } else if (kind < 95) {
                    vegetables(family);
                } else {
                    elevator(family);
                }
                family++;
                if (eventCount >= nextReport) {
                    System.out.printf("  %,d events …%n", eventCount);
                    nextReport += reportEvery;
                }
            }
            flush();
            c.commit();
            events.close();
            links.close();
        }
    }

    private void pork(long family) throws SQLException {
        String f = Long.toString(family, 36).toUpperCase();
        OffsetDateTime t = START.plusMinutes(family * 3 % (360L * 24 * 60));
        String region = REGIONS[random.nextInt(REGIONS.length)];
        String pig = "SZ" + f;
        String slaughter = "TZ" + f;
        if (random.nextInt(100) != 0) {
            event(pig, "MEAT", "PRODUCE", t, operator(), "FARM", "0001", "生猪", "12", "HEA", region, List.of());
        }
        event(slaughter, "MEAT", "SLAUGHTER", t.plusHours(30), operator(), "SLAUGHTERHOUSE", "010101", "白条猪", "1140.5", "KGM", region,
                List.of(pig));
        lotCodes.add(slaughter);
        for (int w = 0; w < 4; w++) {
            String wholesale = "XJ" + f + "W" + w;
            event(wholesale, "MEAT", "WHOLESALE", t.plusHours(36).plusMinutes(w), operator(), "WHOLESALE", "010101", "白条猪", "128.25",
                    "KGM", region, List.of(slaughter));
            String retail = "LH" + f + "R" + w;
            event(retail, "MEAT", "RETAIL_ENTRY", t.plusHours(40).plusMinutes(w), operator(), "SUPERMARKET", "010102", "猪后腿肉", "128.25",
                    "KGM", region, List.of(wholesale));
            if (w == 0) {
                lotCodes.add(wholesale);
                lotCodes.add(retail);
            }
            for (int s = 0; s < 5; s++) {
                String sale = retail + "S" + s;
                event(sale, "MEAT", "RETAIL_SALE", t.plusHours(44).plusMinutes(w * 10L + s), operator(), "SUPERMARKET", "010102", "猪后腿肉",
                        "0.62", "KGM", region, List.of(retail));
                if (s == 0) {
                    consumerCodes.add(sale);
                }
            }
        }
    }

    private void vegetables(long family) throws SQLException {
        String f = Long.toString(family, 36).toUpperCase();
        OffsetDateTime t = START.plusMinutes(family * 3 % (360L * 24 * 60));
        String region = REGIONS[random.nextInt(REGIONS.length)];
        String harvest = "CD" + f;
        String entry = "JC" + f;
        event(harvest, "VEGETABLE", "HARVEST", t, operator(), "FARM", "0301", "青菜", "500", "KGM", region, List.of());
        event(entry, "VEGETABLE", "MARKET_ENTRY", t.plusHours(8), operator(), "WHOLESALE", "0301", "青菜", "500", "KGM", region,
                List.of(harvest));
        lotCodes.add(entry);
        for (int w = 0; w < 3; w++) {
            String wholesale = "JX" + f + "W" + w;
            event(wholesale, "VEGETABLE", "WHOLESALE", t.plusHours(10).plusMinutes(w), operator(), "WHOLESALE", "0301", "青菜", "160",
                    "KGM", region, List.of(entry));
            for (int s = 0; s < 6; s++) {
                String sale = wholesale + "S" + s;
                event(sale, "VEGETABLE", "RETAIL_SALE", t.plusHours(20).plusMinutes(w * 10L + s), operator(), "RETAIL_MARKET", "0301", "青菜",
                        "1.5", "KGM", region, List.of(wholesale));
                if (s == 0) {
                    consumerCodes.add(sale);
                }
            }
        }
    }

    private void elevator(long family) throws SQLException {
        String code = String.format("3110310101%010d", family);
        String maintainer = operator();
        for (int m = 0; m < 24; m++) {
            event(code, "ELEVATOR", m % 12 == 11 ? "INSPECT" : "MAINTAIN", START.plusDays(m * 15L), maintainer, "MAINTAINER", null, null,
                    null, null, null, List.of());
        }
        equipmentCodes.add(code);
    }

    private void event(String code, String category, String step, OffsetDateTime time, String uscc, String nodeType, String productCode,
                       String productName, String quantity, String unit, String origin, List<String> inputs) throws SQLException {
        if (reuse) {
            eventCount++;
            linkCount += inputs.size();
            return;
        }
        String id = EventIds.of("bench", List.of(code, step, time.toString()));
        String name = "上海" + uscc.substring(10, 16) + "食品有限公司";
        events.setString(1, id);
        events.setString(2, code);
        events.setString(3, category);
        events.setString(4, step);
        events.setObject(5, time);
        events.setString(6, uscc);
        events.setString(7, name);
        events.setString(8, nodeType);
        events.setString(9, productCode);
        events.setString(10, productName);
        events.setBigDecimal(11, quantity == null ? null : new BigDecimal(quantity));
        events.setString(12, unit);
        events.setString(13, origin);
        events.setString(14, "bench");
        events.setString(15, "20261128-" + Long.toHexString(eventCount / 10_000));
        events.setLong(16, eventCount % 10_000 + 3);
        events.setString(17, payload(id, code, category, step, time, uscc, name, nodeType, productCode, productName, quantity, unit,
                origin, inputs));
        events.setObject(18, time.plusDays(1));
        events.addBatch();
        for (String input : inputs) {
            links.setString(1, id);
            links.setString(2, code);
            links.setString(3, input);
            links.addBatch();
            linkCount++;
        }
        eventCount++;
        if (++pending >= BATCH) {
            flush();
        }
    }

    private void flush() throws SQLException {
        if (reuse) {
            return;
        }
        events.executeBatch();
        links.executeBatch();
        uncommitted += pending;
        pending = 0;
        if (uncommitted >= COMMIT) {
            connection.commit();
            uncommitted = 0;
        }
    }

    /** The event as the standard's XML, as the load step stores it (certificates and provenance included). */
    private static String payload(String id, String code, String category, String step, OffsetDateTime time, String uscc, String name,
                                  String nodeType, String productCode, String productName, String quantity, String unit, String origin,
                                  List<String> inputs) {
        StringBuilder x = new StringBuilder(900);
        x.append("<event xmlns=\"urn:shanghai:trace:standard:1\"><eventId>").append(id).append("</eventId><category>").append(category)
                .append("</category><step>").append(step).append("</step><time>").append(time).append("</time><traceCode>").append(code)
                .append("</traceCode>");
        if (!inputs.isEmpty()) {
            x.append("<inputs>");
            inputs.forEach(i -> x.append("<input>").append(i).append("</input>"));
            x.append("</inputs>");
        }
        x.append("<operator><uscc>").append(uscc).append("</uscc><name>").append(name).append("</name><nodeCode>")
                .append(uscc, 8, 17).append("</nodeCode><nodeType>").append(nodeType).append("</nodeType></operator>");
        if (productCode != null) {
            x.append("<product><code>").append(productCode).append("</code><name>").append(productName).append("</name></product>")
                    .append("<quantity unit=\"").append(unit).append("\">").append(quantity).append("</quantity><origin>").append(origin)
                    .append("</origin><transaction><voucherNo>JY").append(id, 0, 12).append("</voucherNo></transaction>")
                    .append("<certificates><certificate><type>ANIMAL_QUARANTINE</type><number>31").append(id, 0, 10)
                    .append("</number></certificate><certificate><type>MEAT_QUALITY</type><number>3100").append(id, 10, 21)
                    .append("</number></certificate></certificates>");
        } else {
            x.append("<extension><elevator><equipmentCode>").append(code).append("</equipmentCode><maintenanceType>半月保养")
                    .append("</maintenanceType><nextInspectionDate>2027-06-15</nextInspectionDate></elevator></extension>");
        }
        x.append("<provenance><sourceId>bench</sourceId><row>3</row></provenance></event>");
        return x.toString();
    }

    private String operator() {
        return uscc(random.nextInt(OPERATORS));
    }

    /** Credit-code-shaped identifiers (the store does not check the digit; the load step already did). */
    private static String uscc(int n) {
        return String.format("913101%011dX", n);
    }

    private static void operators(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO operator (uscc, name, node_code, node_type, last_reported_at, updated_at) "
                + "VALUES (?, ?, ?, 'OTHER', ?, ?)")) {
            for (int i = 0; i < OPERATORS; i++) {
                String uscc = uscc(i);
                p.setString(1, uscc);
                p.setString(2, "上海" + uscc.substring(10, 16) + "食品有限公司");
                p.setString(3, uscc.substring(8, 17));
                p.setObject(4, START);
                p.setObject(5, START);
                p.addBatch();
                if (i % BATCH == BATCH - 1) {
                    p.executeBatch();
                }
            }
            p.executeBatch();
        }
        c.commit();
    }

    private static void products(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO product (code, name, category, last_reported_at, updated_at) "
                + "VALUES (?, ?, ?, ?, ?)")) {
            for (String[] row : List.of(new String[] {"0001", "生猪", "MEAT"}, new String[] {"010101", "白条猪", "MEAT"},
                    new String[] {"010102", "猪后腿肉", "MEAT"}, new String[] {"0301", "青菜", "VEGETABLE"})) {
                p.setString(1, row[0]);
                p.setString(2, row[1]);
                p.setString(3, row[2]);
                p.setObject(4, START);
                p.setObject(5, START);
                p.addBatch();
            }
            p.executeBatch();
        }
        c.commit();
    }

    private void measure(TraceChainQuery query, int queries) {
        for (int i = 0; i < Math.min(1_000, queries); i++) {
            query.chain(pick().code(), TraceChainQuery.DEFAULT_MAX_DEPTH);
        }
        long[] nanos = new long[queries];
        List<List<Long>> byKind = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        long eventsShown = 0;
        long upstreamDepth = 0;
        int maxDepth = 0;
        int gaps = 0;
        for (int i = 0; i < queries; i++) {
            Pick pick = pick();
            long start = System.nanoTime();
            TraceChain chain = query.chain(pick.code(), TraceChainQuery.DEFAULT_MAX_DEPTH);
            nanos[i] = System.nanoTime() - start;
            byKind.get(pick.kind()).add(nanos[i]);
            if (chain.notFound()) {
                throw new IllegalStateException("benchmark code not found: " + pick.code());
            }
            eventsShown += chain.events().size();
            int depth = chain.events().stream().mapToInt(e -> e.depth()).max().orElse(0);
            upstreamDepth += chain.upstreamDepth();
            maxDepth = Math.max(maxDepth, depth);
            gaps += chain.gaps().isEmpty() ? 0 : 1;
        }
        Arrays.sort(nanos);
        System.out.printf("%,d trace queries: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n", queries, ms(nanos, 0.50),
                ms(nanos, 0.90), ms(nanos, 0.99), nanos[queries - 1] / 1e6);
        String[] kinds = {"retail sales (consumers)", "lots (regulators)", "elevators"};
        for (int k = 0; k < kinds.length; k++) {
            long[] sorted = byKind.get(k).stream().mapToLong(Long::longValue).sorted().toArray();
            if (sorted.length > 0) {
                System.out.printf("  %-26s %,6d: p50 %.2f ms, p99 %.2f ms%n", kinds[k], sorted.length, ms(sorted, 0.50), ms(sorted, 0.99));
            }
        }
        System.out.printf("chains: %.1f events on average, upstream depth %.2f on average, deepest link %d, %d with a gap%n",
                (double) eventsShown / queries, (double) upstreamDepth / queries, maxDepth, gaps);
    }

    private record Pick(int kind, String code) {
    }

    /** 70 % consumers scanning a retail sale, 25 % regulators looking at a lot, 5 % at an elevator. */
    private Pick pick() {
        int roll = random.nextInt(100);
        int kind = roll < 70 ? 0 : roll < 95 ? 1 : 2;
        List<String> from = List.of(consumerCodes, lotCodes, equipmentCodes).get(kind);
        return new Pick(kind, from.get(random.nextInt(from.size())));
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    private static long peakHeap() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
