package org.tracehub.hub.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.tracehub.mappings.catalog.SpecCatalog;
import org.tracehub.mappings.spec.MappingSpec;
import org.tracehub.mappings.spec.SpecException;
import org.tracehub.mappings.spec.SpecLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code check-spec FILE…}: loads each spec exactly as the hub does (lookup files beside it
 * included) and prints every problem as {@code file:line: key: message}, and under a spec that passes its notes
 * (constants the standard's rules only warn about). Exit 0 when all are valid, 2 when any is refused or missing.
 */
@Command(name = "check-spec",
        description = {"检查映射文件，列出每一处问题（文件:行: 键: 说明）。",
                "Checks mapping specs and lists every problem (file:line: key: message).",
                "退出码 / exit: 0 全部通过 all valid, 2 有映射无法使用 some spec refused"})
final class CheckSpecCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "映射文件 / spec files (YAML)")
    List<Path> files;

    private final CliConsole console;

    CheckSpecCommand(CliConsole console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        PrintStream out = console.out();
        int refused = 0;
        SpecCatalog builtIn = null;
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                out.println("未通过 " + file + "：找不到文件（" + CliCodes.FILE_NOT_FOUND + "）");
                refused++;
                continue;
            }
            try {
                MappingSpec loaded = new SpecLoader().load(file);
                builtIn = builtIn == null ? SpecCatalog.builtIn() : builtIn;
                // as the hub's spec folder takes it: refused when it would replace a built-in spec under another file name
                MappingSpec spec = builtIn.named(file, loaded);
                out.println("通过 " + file + "：来源 " + spec.source() + "（" + spec.category() + "），" + spec.files().size()
                        + "种文件：" + String.join("、", spec.acceptedPatterns())
                        + (spec.notes().isEmpty() ? "" : "；" + spec.notes().size() + "处提示："));
                // constants the rules only warn about: the spec passes, yet every row will carry the warning
                spec.notes().forEach(n -> out.println("  注意 " + n));
            } catch (SpecException e) {
                out.println("未通过 " + file + "（" + CliCodes.SPEC_INVALID + "，" + e.problems().size() + "处问题）：");
                e.problems().forEach(p -> out.println("  " + p));
                refused++;
            }
        }
        if (files.size() > 1) {
            out.println("共" + files.size() + "个映射文件：通过" + (files.size() - refused) + "个，未通过" + refused + "个");
        }
        return refused == 0 ? CliExitCodes.OK : CliExitCodes.UNUSABLE;
    }
}
