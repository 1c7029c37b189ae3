package org.tracehub.hub.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import org.tracehub.mappings.engine.ConversionContext;
import org.tracehub.mappings.engine.ConvertedRow;
import org.tracehub.mappings.engine.FileConversion;
import org.tracehub.mappings.engine.FileRefusal;
import org.tracehub.mappings.read.FileLevelException;
import org.tracehub.mappings.spec.FileSpec;
import org.tracehub.mappings.spec.MappingSpec;
import org.tracehub.mappings.spec.SpecException;
import org.tracehub.mappings.spec.SpecLoader;
import org.tracehub.routes.intake.FileIntake;
import org.tracehub.schemas.event.EventRules;
import org.tracehub.schemas.validation.ErrorCodes;
import org.tracehub.schemas.xml.StandardDocumentWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code convert --spec FILE INPUT [--out FILE]}: converts one legacy export exactly as the server
 * would (same reader, engine and rules), writes the standard document and prints every rejected or
 * warned row. Exit 0 when every row was accepted, 1 when some were rejected, 2 when the file, the
 * spec or {@code --out} could not be used, or the hub would refuse the file whole; {@code --out} is written only on
 * exit 0 and 1.
 */
@Command(name = "convert", sortOptions = false,
        description = {"按映射文件转换旧系统导出文件，输出追溯标准XML，并列出被拒绝的行。",
                "Converts a legacy export with a mapping spec to the standard XML document and lists the rejected rows.",
                "退出码 / exit: 0 全部接受 all accepted, 1 有行被拒绝 some rejected, 2 文件或映射无法使用 file or spec unusable"})
final class ConvertCommand implements Callable<Integer> {

    @Option(names = "--spec", required = true, paramLabel = "FILE", description = "映射文件 / the mapping spec (YAML)")
    Path spec;

    @Parameters(index = "0", paramLabel = "INPUT", description = "要转换的导出文件 / the export to convert (csv, xls, xlsx, xml)")
    Path input;

    @Option(names = "--out", paramLabel = "FILE",
            description = "标准XML写入此文件；省略时写到标准输出，报告写到标准错误 / write the document here; without it the document goes to "
                    + "standard output and the report to standard error")
    Path out;

    private final CliConsole console;
    /** The hub's clock: "now" in {@code hub.time-zone}, as the server judges it (see {@link HubTimeZone}). */
    private final Clock clock;

    ConvertCommand(CliConsole console, Clock clock) {
        this.console = console;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        java.io.PrintStream report = out == null ? console.err() : console.out();
        MappingSpec mapping;
        try {
            mapping = new SpecLoader().load(spec);
        } catch (SpecException e) {
            report.println("映射文件无法使用（" + CliCodes.SPEC_INVALID + "，" + e.problems().size() + "处问题） / spec refused:");
            e.problems().forEach(p -> report.println("  " + p));
            return CliExitCodes.UNUSABLE;
        }
        if (!Files.isRegularFile(input)) {
            report.println("找不到输入文件（" + CliCodes.FILE_NOT_FOUND + "）：" + input);
            return CliExitCodes.UNUSABLE;
        }
        String name = input.getFileName().toString();
        // the intake's checks, in its order and with its codes and words: the hub refuses such a file before reading it
        try {
            if (Files.size(input) == 0) {
                report.println("文件无法处理（" + ErrorCodes.FILE_EMPTY + "）：" + FileIntake.EMPTY_FILE_TEXT);
                return CliExitCodes.UNUSABLE;
            }
        } catch (IOException e) {
            report.println("找不到输入文件（" + CliCodes.FILE_NOT_FOUND + "）：" + input);
            return CliExitCodes.UNUSABLE;
        }
        Optional<FileSpec> fileSpec = mapping.fileSpecFor(name);
        if (fileSpec.isEmpty()) {
            report.println("文件无法处理（" + ErrorCodes.FILE_UNKNOWN + "）：无法识别的文件名“" + name + "”，映射 " + mapping.source()
                    + " 可接受的文件名为：" + String.join("、", mapping.acceptedPatterns()));
            return CliExitCodes.UNUSABLE;
        }
        String outProblem = outProblem();
        if (outProblem != null) {
            // before converting: a directory failed only at the final move, after the whole file had been read
            report.println("无法写出标准文档（" + CliCodes.OUTPUT_FAILED + "）：" + outProblem);
            return CliExitCodes.UNUSABLE;
        }
        try {
            return convert(mapping, fileSpec.get(), report);
        } catch (FileLevelException e) {
            report.println("文件无法处理（" + e.code() + (e.row() > 0 ? "，第" + e.row() + "行" : "") + "）：" + e.getMessage());
            return CliExitCodes.UNUSABLE;
        } catch (IOException e) {
            report.println("无法写出标准文档（" + CliCodes.OUTPUT_FAILED + "）：" + e.getMessage());
            return CliExitCodes.UNUSABLE;
        }
    }

    /** Why {@code --out} cannot name the document's file, or null: a directory (also "/", which has no file name), no folder. */
    private String outProblem() {
        if (out == null) {
            return null;
        }
        Path target = out.toAbsolutePath();
        if (target.getFileName() == null || Files.isDirectory(target)) {
            return "--out 应为要写入的文件，“" + out + "”是目录";
        }
        if (!Files.isDirectory(target.getParent())) {
            return "--out 所在的目录“" + target.getParent() + "”不存在";
        }
        return null;
    }

    /**
     * Converts into a partial file beside {@code --out} and moves it into place only when the hub would take the file
     * (exit 0 or 1): for a file it refuses whole (no data row, the reject threshold exceeded) no document is left, and
     * a file already at {@code --out} stays as it was, as on every other exit 2.
     */
    private int convert(MappingSpec mapping, FileSpec fileSpec, java.io.PrintStream report) throws IOException {
        Path target = out == null ? null : out.toAbsolutePath();
        Path partial = target == null ? null : newPartialFile(target);
        FileConversion conversion = new FileConversion(mapping, fileSpec, new EventRules(clock));
        RowReport rows = new RowReport(report, conversion::rowNumbering);
        long[] warned = {0};
        FileConversion.Counts counts;
        String refusal;
        try {
            try (OutputStream bytes = partial == null ? new NonClosing(console.out()) : Files.newOutputStream(partial);
                 StandardDocumentWriter writer = new StandardDocumentWriter(bytes, mapping.source(), null,
                         OffsetDateTime.now(clock))) {
                counts = conversion
                        .run(input, new ConversionContext(mapping.source(), null, 0), row -> {
                            if (row instanceof ConvertedRow.Accepted a) {
                                writer.write(a.event());
                                a.warnings().forEach(rows::print);
                                warned[0] += a.warnings().isEmpty() ? 0 : 1;
                            } else if (row instanceof ConvertedRow.Rejected r) {
                                r.errors().forEach(rows::print);
                            }
                        });
            }
            refusal = refusal(mapping, counts);
            if (partial != null && refusal == null) {
                keepPermissionsOf(target, partial);
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } finally {
            if (partial != null) {
                Files.deleteIfExists(partial);
            }
        }
        console.out().flush();
        // the file's, not a row's: apart from the rows' table, as the receipt's 文件警告 lines
        conversion.fileWarnings().forEach(w -> report.println("文件警告\t" + w.code() + "\t" + RowReport.text(w.message())));
        report.println("共读取" + counts.read() + "行：接受" + counts.accepted() + "行，拒绝" + counts.rejected() + "行，跳过"
                + counts.skipped() + "行" + (warned[0] > 0 ? "，" + warned[0] + "行有警告" : "")
                + (target == null || refusal != null ? "" : "；标准文档已写入 " + out));
        if (refusal != null) {
            // the hub refuses such a file whole: not "some rows rejected" for a script, and no document to load
            report.println(refusal + (target == null ? "" : "；未写出标准文档（" + out + "未改动）"));
            return CliExitCodes.UNUSABLE;
        }
        return counts.rejected() > 0 ? CliExitCodes.REJECTED : CliExitCodes.OK;
    }

    /**
     * A new, empty file beside {@code target} with the permissions any new file gets there (the user's umask: rw-r--r--
     * for the usual 022). Not {@link Files#createTempFile}: its file is the owner's alone (rw-------), and so was every
     * document moved into place from it.
     */
    private static Path newPartialFile(Path target) throws IOException {
        for (int tries = 0; ; tries++) {
            String unique = Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
            Path partial = target.resolveSibling("." + target.getFileName() + "." + unique + ".part");
            try {
                return Files.createFile(partial);
            } catch (java.nio.file.FileAlreadyExistsException taken) {
                if (tries >= 10) {
                    throw taken;
                }
            }
        }
    }

    /** A document written over an existing file keeps that file's permissions, as writing into it would have. */
    private static void keepPermissionsOf(Path target, Path partial) throws IOException {
        if (Files.exists(target) && Files.getFileAttributeView(target, PosixFileAttributeView.class) != null) {
            Files.setPosixFilePermissions(partial, Files.getPosixFilePermissions(target));
        }
    }

    /** Why the hub would refuse the whole file (no data row, more rows rejected than the source allows), or null. */
    private static String refusal(MappingSpec mapping, FileConversion.Counts counts) {
        return FileRefusal.of(counts, mapping.rejectThreshold())
                .map(r -> r.reason() + "（" + r.code() + "），服务器会拒收整个文件").orElse(null);
    }

    /** Standard output stays open after the document is written: the report may follow on it. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
