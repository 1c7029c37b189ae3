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
    /** Rows per multi-row INSERT and statements per JDBC batch: about 4,000 events per round trip. */
    private static final int EVENT_ROWS = 64;
    private static final int LINK_ROWS = 256;
    private static final int STATEMENTS_PER_BATCH = 64;
    private static final int COMMIT = 100_000;
    /** A 1 GB page cache: the hot part of the indexes stays in memory, as it would on a database server. */
    private static final String QUERY_SETTINGS = ";CACHE_SIZE=1048576";
    /**
     * For the bulk load only: no background compaction and no retention of old chunks while rows
     * stream in (the file is compacted when the load closes it). The queries run with QUERY_SETTINGS.
     */
    private static final String LOAD_SETTINGS = ";CACHE_SIZE=1048576;AUTO_COMPACT_FILL_RATE=0;RETENTION_TIME=0";
    private static final String LOADED_MARKER = "bench.loaded";

    private final Random random = new Random(20261128);
    private final List<String> consumerCodes = new ArrayList<>();
    private final List<String> lotCodes = new ArrayList<>();
    private final List<String> equipmentCodes = new ArrayList<>();
    private MultiRowInsert events;
    private MultiRowInsert links;
    private long eventCount;
    private long linkCount;
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
        Path marker = dir.resolve(LOADED_MARKER);
        reuse = Files.exists(marker);
        if (reuse && Long.parseLong(Files.readString(marker).trim()) != target) {
            throw new IllegalStateException(dir + " holds a database of " + Files.readString(marker).trim() + " events, not " + target);
        }
        if (!reuse && Files.exists(dir.resolve("bench.mv.db"))) {
            throw new IllegalStateException(dir + " holds an unfinished load; delete it first");
        }
        String url = "jdbc:h2:file:" + dir.resolve("bench");
        System.out.printf("load average before: %s%n", loadAverage());
        if (reuse) {
            generate(null, target);
            System.out.printf("reusing the database in %s: %,d events, %,d links; %,d MB%n", dir, eventCount, linkCount,
                    size(dir) / (1024 * 1024));
        } else {
            load(url + LOAD_SETTINGS, target);
            Files.writeString(marker, Long.toString(target));
            System.out.printf("database %,d MB after closing%n", size(dir) / (1024 * 1024));
        }
        resetPeakHeap();
        // another seed asks for other codes than an earlier run on the same database (pages it has not read yet)
        String querySeed = System.getProperty("bench.query-seed");
        if (querySeed != null) {
            random.setSeed(Long.parseLong(querySeed));
        }
        try (HikariDataSource ds = dataSource(url + QUERY_SETTINGS)) {
            System.out.printf("load average before the queries: %s%n", loadAverage());
            measure(new TraceChainQuery(JdbcClient.create(ds)), queries);
            System.out.printf("load average after the queries: %s%n", loadAverage());
        }
        System.out.printf("peak heap while querying %,d MB%n", peakHeap() / (1024 * 1024));
    }

    private static HikariDataSource dataSource(String url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername("sa");
        config.setPassword("");
        config.setMaximumPoolSize(2);
        return new HikariDataSource(config);
    }

    private void load(String url, long target) throws SQLException {
        long start = System.nanoTime();
        try (HikariDataSource ds = dataSource(url)) {
            Flyway.configure().dataSource(ds).locations("classpath:db/migration/common", "classpath:db/migration/h2").load().migrate();
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(false);
                DeferredIndexes indexes = DeferredIndexes.read(c);
                System.out.printf("indexes built after the load: %s%n", indexes.definitions().keySet());
                indexes.drop(c);
                operators(c);
                products(c);
                generate(c, target);
                double rowSeconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("inserted %,d events and %,d links in %.0f s (%,.0f events/s); load average %s; heap %,d MB%n",
                        eventCount, linkCount, rowSeconds, eventCount / rowSeconds, loadAverage(), peakHeap() / (1024 * 1024));
                long indexStart = System.nanoTime();
                indexes.build(c);
                System.out.printf("built the indexes in %.0f s; load average %s%n", (System.nanoTime() - indexStart) / 1e9, loadAverage());
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("loaded %,d events and %,d links in %.0f s (%,.0f events/s including indexes and closing); "
                + "peak heap while loading %,d MB; load average %s%n", eventCount, linkCount, seconds, eventCount / seconds,
                peakHeap() / (1024 * 1024), loadAverage());
    }

    /** Generates the city's chains; with a connection inserts them, without one only recalls the codes to query. */
    private void generate(Connection c, long target) throws SQLException {
        connection = c;
        if (c != null) {
            events = new MultiRowInsert(c, "trace_event", "event_id, record_key, trace_code, category, step, event_time, operator_uscc, operator_name, "
                    + "node_type, product_code, product_name, quantity, unit, origin, source_id, batch_id, attempt, row_no, payload, loaded_at",
                    EVENT_ROWS, STATEMENTS_PER_BATCH);
            links = new MultiRowInsert(c, "trace_link", "event_id, trace_code, input_code", LINK_ROWS, STATEMENTS_PER_BATCH);
        }
        long family = 0;
        long reportEvery = Math.max(target / 20, 1);
        long nextReport = reportEvery;
        long started = System.nanoTime();
        while (eventCount < target) {
            int kind = random.nextInt(100);
            if (kind < 70) {
                pork(family);
            } else if (kind < 83) {
                vegetables(family);
            } else if (kind < 95) {
                dairy(family);
            } else {
                elevator(family);
            }
            family++;
            if (c != null && eventCount >= nextReport) {
                double s = (System.nanoTime() - started) / 1e9;
                System.out.printf("  %,d events in %.0f s (%,.0f/s), load average %s%n", eventCount, s, eventCount / s, loadAverage());
                nextReport += reportEvery;
            }
        }
        if (c != null) {
            events.flush();
            links.flush();
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

    /** Raw milk of three farms → a collection station's tank → a dairy plant's lot → two supermarkets → five sales each. */
    private void dairy(long family) throws SQLException {
        String f = Long.toString(family, 36).toUpperCase();
        OffsetDateTime t = START.plusMinutes(family * 3 % (360L * 24 * 60));
        String region = REGIONS[random.nextInt(REGIONS.length)];
        List<String> farms = new ArrayList<>(3);
        for (int m = 0; m < 3; m++) {
            String milk = "NC" + f + "M" + m;
            event(milk, "DAIRY", "PRODUCE", t.plusMinutes(m * 20L), operator(), "FARM", "0501", "生鲜乳", "2400", "KGM", region, List.of());
            farms.add(milk);
        }
        String tank = "SG" + f;
        event(tank, "DAIRY", "COLLECT", t.plusHours(2), operator(), "COLLECTION_STATION", "0501", "生鲜乳", "7200", "KGM", region, farms);
        String plant = "RP" + f;
        event(plant, "DAIRY", "PROCESS", t.plusHours(10), operator(), "DAIRY_PLANT", "050201", "巴氏杀菌乳", "7000", "LTR", region,
                List.of(tank));
        lotCodes.add(tank);
        lotCodes.add(plant);
        for (int r = 0; r < 2; r++) {
            String retail = "RL" + f + "R" + r;
            event(retail, "DAIRY", "RETAIL_ENTRY", t.plusHours(30).plusMinutes(r), operator(), "SUPERMARKET", "050201", "巴氏杀菌乳", "480",
                    "LTR", region, List.of(plant));
            for (int s = 0; s < 5; s++) {
                String sale = retail + "S" + s;
                event(sale, "DAIRY", "RETAIL_SALE", t.plusHours(36).plusMinutes(r * 10L + s), operator(), "SUPERMARKET", "050201", "巴氏杀菌乳",
                        "0.95", "LTR", region, List.of(retail));
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
        if (connection == null) {
            eventCount++;
            linkCount += inputs.size();
            return;
        }
        List<String> key = List.of(code, step, time.toString());
        String id = EventIds.of("bench", key);
        String name = "上海" + uscc.substring(10, 16) + "食品有限公司";
        events.add(id, EventIds.recordKey("bench", key), code, category, step, time, uscc, name, nodeType, productCode, productName,
                quantity == null ? null : new BigDecimal(quantity), unit, origin, "bench", "20261128-" + Long.toHexString(eventCount / 10_000),
                1, eventCount % 10_000 + 3, payload(id, code, category, step, time, uscc, name, nodeType, productCode, productName, quantity,
                        unit, origin, inputs), time.plusDays(1));
        for (String input : inputs) {
            links.add(id, code, input);
            linkCount++;
        }
        eventCount++;
        if (++uncommitted >= COMMIT) {
            events.flush();
            links.flush();
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
                    .append("</origin><transaction><voucherNo>JY").append(id, 0, 12).append("</voucherNo></transaction>");
            if ("DAIRY".equals(category)) {
                x.append("<certificates><certificate><type>TEST_REPORT</type><number>31").append(id, 0, 10)
                        .append("</number></certificate></certificates><extension><dairy><stationLicence>SC31").append(id, 10, 16)
                        .append("</stationLicence><proteinPercent>3.20</proteinPercent><fatPercent>3.8</fatPercent>")
                        .append("<testResult>PASS</testResult><vehiclePlate>沪A·12345</vehiclePlate></dairy></extension>");
            } else {
                x.append("<certificates><certificate><type>ANIMAL_QUARANTINE</type><number>31").append(id, 0, 10)
                        .append("</number></certificate><certificate><type>MEAT_QUALITY</type><number>3100").append(id, 10, 21)
                        .append("</number></certificate></certificates>");
            }
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
        try (MultiRowInsert p = new MultiRowInsert(c, "operator", "uscc, name, node_code, node_type, last_reported_at, updated_at", 256,
                STATEMENTS_PER_BATCH)) {
            for (int i = 0; i < OPERATORS; i++) {
                String uscc = uscc(i);
                p.add(uscc, "上海" + uscc.substring(10, 16) + "食品有限公司", uscc.substring(8, 17), "OTHER", START, START);
            }
            p.flush();
        }
        c.commit();
    }

    private static void products(Connection c) throws SQLException {
        try (MultiRowInsert p = new MultiRowInsert(c, "product", "code, name, category, last_reported_at, updated_at", 16, 1)) {
            for (String[] row : List.of(new String[] {"0001", "生猪", "MEAT"}, new String[] {"010101", "白条猪", "MEAT"},
                    new String[] {"010102", "猪后腿肉", "MEAT"}, new String[] {"0301", "青菜", "VEGETABLE"},
                    new String[] {"0501", "生鲜乳", "DAIRY"}, new String[] {"050201", "巴氏杀菌乳", "DAIRY"})) {
                p.add(row[0], row[1], row[2], START, START);
            }
            p.flush();
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
        System.out.printf("%,d trace queries: p50 %.2f ms, p90 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms%n", queries, ms(nanos, 0.50),
                ms(nanos, 0.90), ms(nanos, 0.95), ms(nanos, 0.99), nanos[queries - 1] / 1e6);
        String[] kinds = {"retail sales (consumers)", "lots (regulators)", "elevators"};
        for (int k = 0; k < kinds.length; k++) {
            long[] sorted = byKind.get(k).stream().mapToLong(Long::longValue).sorted().toArray();
            if (sorted.length > 0) {
                System.out.printf("  %-26s %,6d: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms%n", kinds[k], sorted.length, ms(sorted, 0.50),
                        ms(sorted, 0.95), ms(sorted, 0.99));
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

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void resetPeakHeap() {
        ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).forEach(p -> p.resetPeakUsage());
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
