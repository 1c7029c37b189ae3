package org.tracehub.bench;

import java.nio.file.Path;

/**
 * The common {@code main} of the in-JVM cases (1, 1b, 2): {@code FILE DB_PATH BATCH_SIZE [WARMUP_FILE]}; the
 * warm-up file first (into its own database), then the measured file; prints one
 * {@code BENCH rows=… millis=…} line, which {@link BenchRunner} reads. Preparing a database (its schema) is
 * not measured.
 */
final class ChildCaseMain {

    interface Load {
        long load(Path file, String db, int batchSize) throws Exception;
    }

    interface Prepare {
        void prepare(String db) throws Exception;
    }

    private ChildCaseMain() {
    }

    static void run(String[] args, Prepare prepare, Load load) throws Exception {
        Path file = Path.of(args[0]);
        String db = args[1];
        int batchSize = Integer.parseInt(args[2]);
        if (args.length > 3) {
            prepare.prepare(db + "-warmup");
            load.load(Path.of(args[3]), db + "-warmup", batchSize);
        }
        prepare.prepare(db);
        long start = System.nanoTime();
        long rows = load.load(file, db, batchSize);
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("BENCH rows=" + rows + " millis=" + millis);
    }
}
