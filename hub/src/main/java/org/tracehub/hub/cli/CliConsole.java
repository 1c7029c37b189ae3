package org.tracehub.hub.cli;

import java.io.InputStream;
import java.io.PrintStream;

/**
 * Where the commands read and write: the process's standard streams, or captured ones in tests.
 * {@code out} also carries bytes (the standard document of {@code convert} without {@code --out}).
 */
public record CliConsole(InputStream in, PrintStream out, PrintStream err) {

    public static CliConsole system() {
        return new CliConsole(System.in, System.out, System.err);
    }
}
