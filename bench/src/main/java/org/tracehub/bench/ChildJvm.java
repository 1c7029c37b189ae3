package org.tracehub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A JVM started by the harness under {@code /usr/bin/time -v}, with the run's common JVM flags and a
 * GC log, its output in a file. The figures are read once it has ended.
 */
final class ChildJvm {

    private final Path dir;
    private final Process process;
    private final double machineCpuAtStart;
    private double machineCpuAtEnd = Double.NaN;

    private ChildJvm(Path dir, Process process, double machineCpuAtStart) {
        this.dir = dir;
        this.process = process;
        this.machineCpuAtStart = machineCpuAtStart;
    }

    /** @param args what follows {@code java <flags>}: {@code -cp … Main …} or {@code -jar … …} */
    static ChildJvm start(BenchSettings settings, Path dir, List<String> args) throws IOException {
        Files.createDirectories(dir);
        List<String> command = new ArrayList<>(List.of("/usr/bin/time", "-v", "-o", dir.resolve("time.txt").toString(), settings.java()));
        command.addAll(settings.jvmFlags());
        // the database the harness chose (and started), for the in-JVM cases; the hub gets its URL as an argument
        for (String property : List.of(BenchDatabase.DATABASE, BenchDatabase.PG_URL, BenchDatabase.PG_USER)) {
            if (System.getProperty(property) != null) {
                command.add("-D" + property + "=" + System.getProperty(property));
            }
        }
        command.add("-Xlog:gc:file=" + dir.resolve("gc.log"));
        command.addAll(args);
        Files.writeString(dir.resolve("command.txt"), String.join(" ", command) + "\n");
        double machineCpu = MachineCpu.busySeconds();
        Process p = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("output.log").toFile())
                .start();
        return new ChildJvm(dir, p, machineCpu);
    }

    /** Runs to the end and returns its output; fails if it did not exit 0. */
    List<String> awaitExit(long timeoutMinutes) throws IOException, InterruptedException {
        if (!process.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
            stop();
            throw new IllegalStateException("no result after " + timeoutMinutes + " min: " + dir);
        }
        machineCpuAtEnd = MachineCpu.busySeconds();
        List<String> out = Files.readAllLines(dir.resolve("output.log"));
        if (process.exitValue() != 0) {
            throw new IllegalStateException("exit " + process.exitValue() + " in " + dir + ":\n"
                    + String.join("\n", out.subList(Math.max(0, out.size() - 30), out.size())));
        }
        return out;
    }

    /** The JVM's process id (the child of {@code time}). */
    long javaPid() {
        return process.toHandle().children().findFirst().map(ProcessHandle::pid)
                .orElseThrow(() -> new IllegalStateException("no JVM under time in " + dir));
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM to the JVM (the child of {@code time}), so that {@code time} still reports. */
    void stop() throws InterruptedException {
        process.toHandle().children().forEach(ProcessHandle::destroy);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.toHandle().children().forEach(ProcessHandle::destroyForcibly);
            process.waitFor(30, TimeUnit.SECONDS);
        }
        machineCpuAtEnd = MachineCpu.busySeconds();
    }

    JvmFigures figures() throws IOException {
        return JvmFigures.read(dir.resolve("gc.log"), dir.resolve("time.txt")).withMachineCpu(machineCpuAtEnd - machineCpuAtStart);
    }

    Path dir() {
        return dir;
    }
}
