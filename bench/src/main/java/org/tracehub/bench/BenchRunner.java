package org.tracehub.bench;

import java.io.IOException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tracehub.platform.testing.LocalPostgres;

/**
 * Runs the issue-#9 cases side by side on this machine and prints one table (also written to
 * bench/RESULTS.md): 1 floor, 1b the store's floor, 2 plain Spring Batch, 3 the hub on CSV, 4 XLSX and XML through the
 * hub, 5 the hub at several sizes, 6 upload-to-receipt latency. Every measured process is a JVM of
 * its own with the same flags, started under {@code /usr/bin/time -v} with a GC log; every figure is
 * the median of {@code bench.runs} runs, each after a warm-up.
 */
public final class BenchRunner {

    static final String CSV_SOURCE = "meat-wholesale-xj";
    static final String XLSX_SOURCE = "meat-wholesale-jiangqiao";
    static final String XML_SOURCE = "elevator-maint-husheng";
    private static final long SEED = 42;
    private static final long WARMUP_SEED = 7;
    /**
     * The hub's warm-up file is numbered from here: its records are other records of the day than the measured file's
     * (numbered from 1). Numbered from 1 as well, the first 20,000 records of every measured file replaced the
     * warm-up's events instead of being stored as new ones (bench/README.md, finding 29).
     */
    static final long HUB_WARMUP_FIRST_ROW = 9_000_001;
    private static final int LATENCY_WARMUP_FILES = 3;
    private static final Pattern RESULT = Pattern.compile("BENCH rows=(\\d+) millis=(\\d+)");

    private final BenchSettings settings;
    private final BenchFiles files;
    private final List<ResultRow> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final String database;

    private BenchRunner(BenchSettings settings) {
        this.settings = settings;
        this.database = ResultsReport.database(); // once: on PostgreSQL it asks the server for its version
        this.files = new BenchFiles(settings.work());
    }

    public static void main(String[] args) throws Exception {
        BenchSettings settings = BenchSettings.fromSystemProperties();
        if (!BenchDatabase.postgres()) {
            new BenchRunner(settings).run();
            return;
        }
        // one server for the whole run, every case and run a database of its own on it
        try (LocalPostgres server = LocalPostgres.start()) {
            System.setProperty(BenchDatabase.PG_URL, server.jdbcUrl());
            System.setProperty(BenchDatabase.PG_USER, server.user());
            new BenchRunner(settings).run();
        }
    }

    private void run() throws Exception {
        String startLoad = ResultsReport.loadAverage();
        System.out.printf("bench: cases %s, %d run(s) each, JVM flags %s, database %s, load average %s%n", settings.cases(),
                settings.runs(), settings.jvmFlags(), database, startLoad);
        if (System.getProperty("bench.note") != null) {
            notes.add(System.getProperty("bench.note"));
        }
        ResultRow hubCsv = null;
        if (settings.runs("floor")) {
            rows.add(childCase("1 floor: Commons CSV + JDBC batch insert", FloorLoad.class, settings.floorBatch(),
                    "batch " + settings.floorBatch() + ", commit per batch"));
            writePartial(startLoad);
        }
        if (settings.runs("store-floor")) {
            rows.add(childCase("1b store floor: the hub's rows per event (staged, event, link), JDBC batches", StoreFloorLoad.class,
                    settings.floorBatch(), "the store's Flyway schema; batch " + settings.floorBatch()
                            + String.format(", commit per %,d events", StoreFloorLoad.COMMIT_EVERY)));
            writePartial(startLoad);
        }
        if (settings.runs("batch")) {
            rows.add(childCase("2 plain Spring Batch: FlatFileItemReader → JdbcBatchItemWriter", PlainBatchLoad.class,
                    settings.chunkSize(), "chunk " + settings.chunkSize() + ", JDBC job repository"));
            writePartial(startLoad);
        }
        if (settings.runs("hub-csv")) {
            hubCsv = hubCase("3 hub: CSV GB18030, inbox → receipt", CSV_SOURCE, settings.rows(), "交易明细_", ".csv", settings.runs());
            rows.add(hubCsv);
            writePartial(startLoad);
        }
        if (settings.runs("hub-xlsx")) {
            rows.add(hubCase("4 hub: XLSX", XLSX_SOURCE, settings.rows(), "江桥肉类交易日报_", ".xlsx", settings.runs()));
            writePartial(startLoad);
        }
        if (settings.runs("hub-xml")) {
            rows.add(hubCase("4 hub: XML (GBK)", XML_SOURCE, settings.rows(), "wb_maint_", ".xml", settings.runs()));
            writePartial(startLoad);
        }
        if (settings.runs("scaling")) {
            for (long size : settings.sizes()) {
                String name = "5 hub scaling: CSV " + String.format("%,d", size);
                if (hubCsv != null && size == settings.rows()) {
                    rows.add(new ResultRow(name, hubCsv.rows(), hubCsv.rowsPerSecond(), hubCsv.jvm(), hubCsv.runs(), hubCsv.load(),
                            "= case 3"));
                } else {
                    // sizes above the main size run once: a 5M-row file takes minutes per run
                    rows.add(hubCase(name, CSV_SOURCE, size, "交易明细_", ".csv", size > settings.rows() ? 1 : settings.runs()));
                    writePartial(startLoad);
                }
            }
        }
        if (settings.runs("latency")) {
            rows.add(latencyCase());
        }
        if (settings.runs("reprocess")) {
            rows.add(reprocessCase());
            writePartial(startLoad);
        }
        System.out.println();
        System.out.println(ResultsReport.table(rows));
        notes.forEach(n -> System.out.println("note: " + n));
        ResultsReport.write(settings.results(), settings, database, startLoad, rows, notes);
        System.out.println("written to " + settings.results());
    }

    /** RESULTS.md after each case as well: a run cut short (a deadline, a crash) still leaves what it measured. */
    private void writePartial(String startLoad) throws IOException {
        ResultsReport.write(settings.results(), settings, database, startLoad, rows, notes);
    }

    /** Cases 1, 1b and 2: a JVM per run, warm-up on a small file inside it, then the measured file. */
    private ResultRow childCase(String name, Class<?> main, int batch, String note) throws Exception {
        System.out.println(name);
        Path file = files.generated(CSV_SOURCE, settings.rows(), SEED);
        Path warmup = files.generated(CSV_SOURCE, settings.warmupRows(), WARMUP_SEED);
        List<Double> rates = new ArrayList<>();
        List<JvmFigures> memory = new ArrayList<>();
        long loaded = 0;
        for (int run = 1; run <= settings.childRuns(); run++) {
            Path dir = settings.work().resolve("runs").resolve(main.getSimpleName() + "-" + run);
            BenchFiles.deleteTree(dir);
            ChildJvm jvm = ChildJvm.start(settings, dir, List.of("-cp", settings.classPath(), main.getName(), file.toString(),
                    dir.resolve("db").toString(), String.valueOf(batch), warmup.toString()));
            Matcher m = RESULT.matcher(String.join("\n", jvm.awaitExit(settings.timeoutMinutes())));
            if (!m.find()) {
                throw new IllegalStateException("no BENCH line from " + main.getSimpleName() + " in " + dir);
            }
            loaded = Long.parseLong(m.group(1));
            double rate = loaded * 1000.0 / Long.parseLong(m.group(2));
            rates.add(rate);
            memory.add(jvm.figures());
            BenchDatabase.drop(dir.resolve("db").toString());
            BenchDatabase.drop(dir.resolve("db").toString() + "-warmup");
            System.out.printf("  run %d: %,d rows in %s ms = %,.0f rows/s, %s%n", run, loaded, m.group(2), rate, jvm.figures());
        }
        return new ResultRow(name, settings.rows(), median(rates), JvmFigures.max(memory), settings.childRuns(), ResultsReport.loadAverage(),
                note + "; " + String.format("%,d", loaded) + " records written");
    }

    /** Cases 3–5: a hub per run (fresh data dir), a warm-up file, then the measured file inbox → receipt. */
    private ResultRow hubCase(String name, String source, long size, String prefix, String suffix, int runs) throws Exception {
        System.out.println(name);
        if (size >= HUB_WARMUP_FIRST_ROW) {
            throw new IllegalArgumentException(name + ": " + size + " rows would reach the warm-up file's records (numbered from "
                    + HUB_WARMUP_FIRST_ROW + ")");
        }
        // the warm-up file's records are about the same fleet: the day before's maintenance of the same lifts
        long fleet = source.equals(XML_SOURCE) ? settings.fleet() : 0;
        Path file = files.generated(source, size, SEED, 1, fleet);
        Path warmup = files.generated(source, settings.warmupRows(), WARMUP_SEED, HUB_WARMUP_FIRST_ROW, fleet);
        List<Double> rates = new ArrayList<>();
        List<JvmFigures> memory = new ArrayList<>();
        HubProcess.Done last = null;
        for (int run = 1; run <= runs; run++) {
            Path dir = settings.work().resolve("runs").resolve("hub-" + source + "-" + size + "-" + run);
            try (HubProcess hub = HubProcess.start(settings, dir)) {
                HubProcess.Done w = hub.send(warmup, source, prefix + "warmup" + suffix, Duration.ofMillis(200));
                System.out.printf("  run %d warm-up: %s %,d read in %.1f s%n", run, w.status(), w.read(), w.seconds());
                last = hub.send(file, source, prefix + "bench" + suffix, Duration.ofMillis(200));
                if (!"LOADED".equals(last.status()) || last.read() != size) {
                    throw new IllegalStateException(name + ": batch " + last.batchId() + " ended " + last.status() + " with "
                            + last.read() + " rows read of " + size + "; see " + dir);
                }
                double rate = size / last.seconds();
                rates.add(rate);
                System.out.print(hub.threadCpuReport(last));
                JvmFigures figures = hub.stop();
                memory.add(figures);
                System.out.printf("  run %d: %s read %,d accepted %,d rejected %,d in %.1f s = %,.0f rows/s, %s%n", run, last.status(),
                        last.read(), last.accepted(), last.rejected(), last.seconds(), rate, figures);
            }
        }
        return new ResultRow(name, size, median(rates), JvmFigures.max(memory), runs, ResultsReport.loadAverage(),
                String.format("%s: %,d accepted, %,d rejected%s", last.status(), last.accepted(), last.rejected(),
                        fleet == 0 ? "" : String.format("; a fleet of %,d lifts", fleet)));
    }

    /**
     * Case 7 (not in the default set): the CSV loaded as in case 3, then reprocessed — every record replaces its
     * stored version in one transaction, what an admin's reprocess or a corrected file sent again costs. The rate is
     * the file's rows over the time from the request to LOADED.
     */
    private ResultRow reprocessCase() throws Exception {
        String name = "7 hub reprocess: CSV loaded, then reprocessed (request → LOADED)";
        System.out.println(name);
        Path file = files.generated(CSV_SOURCE, settings.rows(), SEED);
        Path warmup = files.generated(CSV_SOURCE, settings.warmupRows(), WARMUP_SEED, HUB_WARMUP_FIRST_ROW);
        List<Double> rates = new ArrayList<>();
        List<JvmFigures> memory = new ArrayList<>();
        HubProcess.Done last = null;
        for (int run = 1; run <= settings.runs(); run++) {
            Path dir = settings.work().resolve("runs").resolve("hub-reprocess-" + settings.rows() + "-" + run);
            try (HubProcess hub = HubProcess.start(settings, dir)) {
                hub.send(warmup, CSV_SOURCE, "交易明细_warmup.csv", Duration.ofMillis(200));
                HubProcess.Done first = hub.send(file, CSV_SOURCE, "交易明细_bench.csv", Duration.ofMillis(200));
                if (!"LOADED".equals(first.status())) {
                    throw new IllegalStateException(name + ": the first load of batch " + first.batchId() + " ended " + first.status());
                }
                last = hub.reprocess(first, Duration.ofSeconds(1));
                double rate = settings.rows() / last.seconds();
                rates.add(rate);
                JvmFigures figures = hub.stop();
                memory.add(figures);
                System.out.printf("  run %d: first load %.1f s, reprocess %.1f s = %,.0f rows/s, %s%n", run, first.seconds(), last.seconds(),
                        rate, figures);
            }
        }
        return new ResultRow(name, settings.rows(), median(rates), JvmFigures.max(memory), settings.runs(), ResultsReport.loadAverage(),
                String.format("attempt 2 LOADED: %,d accepted, %,d rejected; not in the default cases", last.accepted(), last.rejected()));
    }

    /** Case 6: one hub, warm-up files, then 1,000-row files one after the other, upload → receipt. */
    private ResultRow latencyCase() throws Exception {
        String name = "6 hub latency: upload → receipt, " + String.format("%,d", settings.latencyRows()) + "-row CSV";
        System.out.println(name);
        Path dir = settings.work().resolve("runs").resolve("hub-latency");
        List<Double> seconds = new ArrayList<>();
        JvmFigures figures;
        try (HubProcess hub = HubProcess.start(settings, dir)) {
            // every file other records of the day (its own range of numbers): new events, as a market's next upload is
            for (int i = 0; i < LATENCY_WARMUP_FILES; i++) {
                hub.send(files.generated(CSV_SOURCE, settings.latencyRows(), 900 + i, 1 + i * settings.latencyRows()), CSV_SOURCE,
                        "交易明细_warmup" + i + ".csv", Duration.ofMillis(20));
            }
            for (int i = 0; i < settings.latencyFiles(); i++) {
                Path file = files.generated(CSV_SOURCE, settings.latencyRows(), 1000 + i,
                        1 + (LATENCY_WARMUP_FILES + i) * settings.latencyRows());
                HubProcess.Done done = hub.send(file, CSV_SOURCE, "交易明细_latency" + i + ".csv", Duration.ofMillis(20));
                if (!"LOADED".equals(done.status())) {
                    throw new IllegalStateException("latency file " + i + " ended " + done.status());
                }
                seconds.add(done.seconds());
            }
            figures = hub.stop();
        }
        double p50 = percentile(seconds, 50);
        double p95 = percentile(seconds, 95);
        System.out.printf("  %d files: p50 %.3f s, p95 %.3f s, %s%n", seconds.size(), p50, p95, figures);
        return new ResultRow(name, settings.latencyRows(), 0, figures, 1, ResultsReport.loadAverage(),
                String.format("p50 %.2f s, p95 %.2f s over %d files (20 ms polling)", p50, p95, seconds.size()));
    }

    static double median(List<Double> values) {
        return percentile(values, 50);
    }

    /** Nearest-rank percentile. */
    static double percentile(List<Double> values, int p) {
        List<Double> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

}
