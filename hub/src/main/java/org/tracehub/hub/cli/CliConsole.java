package org.tracehub.hub.cli;

import java.io.Console;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Where the commands read and write: the process's standard streams, or captured ones in tests.
 * {@code out} also carries bytes (the standard document of {@code convert} without {@code --out}).
 *
 * @param charset what every text line is written in, the commands' reports and picocli's usage alike
 */
public record CliConsole(InputStream in, PrintStream out, PrintStream err, Charset charset) {

    public CliConsole(InputStream in, PrintStream out, PrintStream err) {
        this(in, out, err, StandardCharsets.UTF_8);
    }

    /**
     * The process's streams in the terminal's charset, or UTF-8 when there is no terminal. Java 17 writes
     * {@code System.out} in the locale's charset, which under cron or in a container without {@code LANG} is
     * ASCII: every Chinese line of a report became question marks, for good.
     */
    public static CliConsole system() {
        Charset charset = terminalCharset();
        return new CliConsole(System.in, new PrintStream(new FileOutputStream(FileDescriptor.out), true, charset),
                new PrintStream(new FileOutputStream(FileDescriptor.err), true, charset), charset);
    }

    /**
     * The terminal's charset if it can show Chinese (UTF-8, GBK), else UTF-8: with no terminal (a pipe, a file, cron),
     * and with one whose locale is unset or C (a shell in a container), whose charset would turn every report into "?".
     */
    static Charset terminalCharset() {
        Console terminal = System.console();
        Charset charset = terminal != null ? terminal.charset() : null;
        return charset != null && charset.newEncoder().canEncode('中') ? charset : StandardCharsets.UTF_8;
    }
}
