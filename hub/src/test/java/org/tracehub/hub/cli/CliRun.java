package org.tracehub.hub.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.function.ToIntFunction;

/** Runs the CLI in-process on captured streams, as {@code java -jar trace-hub.jar …} would. */
final class CliRun {

    record Result(int exitCode, String out, byte[] outBytes, String err) {
    }

    private CliRun() {
    }

    static Result run(String... args) {
        return runWithInput("", args);
    }

    static Result runWithInput(String stdin, String... args) {
        return run(stdin, console -> TraceHubCli.execute(args, console));
    }

    /**
     * Runs the CLI on a machine whose clock reads {@code machineClock} (its zone the machine's), with only these
     * environment variables and no system properties of the hub's.
     */
    static Result runAt(Clock machineClock, Map<String, String> environment, String... args) {
        return run("", console -> TraceHubCli.execute(args, console, machineClock, Map.of(), new java.util.HashMap<>(environment)));
    }

    private static Result run(String stdin, ToIntFunction<CliConsole> cli) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliConsole console = new CliConsole(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        int exit = cli.applyAsInt(console);
        return new Result(exit, out.toString(StandardCharsets.UTF_8), out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }

    /** A classpath resource (a built-in spec, a sample) copied into a folder, keeping its file name. */
    static Path copy(String resource, Path dir) throws IOException {
        try (InputStream in = CliRun.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("not on the classpath: " + resource);
            }
            Path target = dir.resolve(resource.substring(resource.lastIndexOf('/') + 1));
            Files.copy(in, target);
            return target;
        }
    }
}
