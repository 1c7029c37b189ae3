package org.tracehub.hub.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.tracehub.mappings.catalog.KeyChanges;
import org.tracehub.mappings.catalog.SpecCatalog;
import org.tracehub.mappings.spec.MappingSpec;
import org.tracehub.mappings.spec.SpecException;
import org.tracehub.mappings.spec.SpecLoader;
import org.tracehub.mappings.spec.SpecProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code check-spec FILE|DIR…}: loads each spec exactly as the hub's spec folder ({@code hub.sources-dir}) does — lookup
 * files beside it included, and the folder's rules: a name it does not read ({@link SpecCatalog#ignoredName}), a copy
 * of a built-in spec under another name ({@link SpecCatalog#named}), two files for one source
 * ({@link SpecCatalog#shadowed}, across every file checked) — and prints every problem as {@code file:line: key: message},
 * and under a spec that passes its notes (constants the standard's rules only warn about). A folder is checked as the hub
 * reads it: its spec files, and a line for each file it would ignore that looks like a spec. Exit 0 when all are valid,
 * 2 when any is refused or missing.
 */
@Command(name = "check-spec",
        description = {"检查映射文件，列出每一处问题（文件:行: 键: 说明）；给出目录时按平台读取映射目录的方式检查其中的文件。",
                "Checks mapping specs and lists every problem (file:line: key: message); a folder is checked as the hub reads its spec folder.",
                "退出码 / exit: 0 全部通过 all valid, 2 有映射无法使用 some spec refused"})
final class CheckSpecCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "映射文件或映射目录 / spec files (YAML) or a spec folder")
    List<Path> files;

    private final CliConsole console;
    /** The built-in specs, loaded when the first file loads: a copy of one under another name is refused. */
    private SpecCatalog builtIn;

    CheckSpecCommand(CliConsole console) {
        this.console = console;
    }

    /** One line of the report: a file or folder that passed, was refused, or is ignored, in the order given. */
    private sealed interface Outcome permits Passed, Refused, Missing, Ignored {
    }

    private record Passed(Path file, MappingSpec spec) implements Outcome {
    }

    private record Refused(Path file, List<SpecProblem> problems) implements Outcome {
    }

    private record Missing(Path file, String why) implements Outcome {
    }

    private record Ignored(Path file, SpecProblem why) implements Outcome {
    }

    @Override
    public Integer call() {
        PrintStream out = console.out();
        List<Outcome> outcomes = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        for (Path given : files) {
            if (Files.isDirectory(given)) {
                List<Path> specs = SpecCatalog.specFiles(given);
                if (specs.isEmpty()) {
                    outcomes.add(new Missing(given, "目录中没有映射文件（*.yaml、*.yml）"));
                }
                specs.forEach(file -> check(file, seen, outcomes));
                looksLikeSpecsButIgnored(given)
                        .forEach(file -> outcomes.add(new Ignored(file, SpecCatalog.ignoredName(file).orElseThrow())));
            } else if (!Files.isRegularFile(given)) {
                outcomes.add(new Missing(given, "找不到文件"));
            } else {
                check(given, seen, outcomes);
            }
        }
        refuseShadowed(outcomes);

        int checked = 0;
        int refused = 0;
        for (Outcome outcome : outcomes) {
            if (outcome instanceof Passed p) {
                checked++;
                MappingSpec spec = p.spec();
                // a record key other than the built-in version's: earlier records keep their ids, a re-send is stored twice
                List<String> keyChanges = builtIn == null ? List.of()
                        : KeyChanges.between(builtIn.source(spec.source()).orElse(null), spec, KeyChanges.BUILT_IN);
                int notes = spec.notes().size() + keyChanges.size();
                out.println("通过 " + p.file() + "：来源 " + spec.source() + "（" + spec.category() + "），" + spec.files().size()
                        + "种文件：" + String.join("、", spec.acceptedPatterns())
                        + (notes == 0 ? "" : "；" + notes + "处提示："));
                // constants the rules only warn about: the spec passes, yet every row will carry the warning
                spec.notes().forEach(n -> out.println("  注意 " + n));
                keyChanges.forEach(n -> out.println("  注意 " + n));
            } else if (outcome instanceof Refused r) {
                checked++;
                refused++;
                out.println("未通过 " + r.file() + "（" + CliCodes.SPEC_INVALID + "，" + r.problems().size() + "处问题）：");
                r.problems().forEach(problem -> out.println("  " + problem));
            } else if (outcome instanceof Missing m) {
                checked++;
                refused++;
                out.println("未通过 " + m.file() + "：" + m.why() + "（" + CliCodes.FILE_NOT_FOUND + "）");
            } else if (outcome instanceof Ignored i) {
                out.println("忽略 " + i.file() + "：平台不会读取此文件（" + i.why().message() + "）");
            }
        }
        if (checked > 1 || outcomes.stream().anyMatch(o -> o instanceof Ignored)) {
            out.println("共" + checked + "个映射文件：通过" + (checked - refused) + "个，未通过" + refused + "个");
        }
        return refused == 0 ? CliExitCodes.OK : CliExitCodes.UNUSABLE;
    }

    private void check(Path file, Set<Path> seen, List<Outcome> outcomes) {
        if (!seen.add(file.toAbsolutePath().normalize())) {
            return; // named twice (a file and its folder): one spec, not two copies of one source
        }
        List<SpecProblem> problems = new ArrayList<>();
        // named so that the spec folder would not read it: it would never be used, whatever it holds
        SpecCatalog.ignoredName(file).ifPresent(problems::add);
        try {
            MappingSpec loaded = new SpecLoader().load(file);
            builtIn = builtIn == null ? SpecCatalog.builtIn() : builtIn;
            // as the hub's spec folder takes it: refused when it would replace a built-in spec under another file name
            MappingSpec spec = builtIn.named(file, loaded);
            outcomes.add(problems.isEmpty() ? new Passed(file, spec) : new Refused(file, problems));
        } catch (SpecException e) {
            problems.addAll(e.problems());
            outcomes.add(new Refused(file, problems));
        }
    }

    /** Two passing files for one source, as the hub's folder would hold them: the one it would ignore is refused. */
    private static void refuseShadowed(List<Outcome> outcomes) {
        Map<Path, MappingSpec> byFile = new TreeMap<>();
        outcomes.forEach(o -> {
            if (o instanceof Passed p) {
                byFile.put(p.file(), p.spec());
            }
        });
        Map<Path, SpecException> shadowed = SpecCatalog.shadowed(byFile);
        outcomes.replaceAll(o -> o instanceof Passed p && shadowed.containsKey(p.file())
                ? new Refused(p.file(), shadowed.get(p.file()).problems()) : o);
    }

    /**
     * Files of a folder the hub does not read although they look like specs ({@code .YAML}, {@code x.yaml.bak}): said, so
     * that an admin does not take a spec for active that the hub never loads. Other files (lookups, notes) are not named.
     */
    private static List<Path> looksLikeSpecsButIgnored(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isRegularFile).filter(f -> SpecCatalog.ignoredName(f).isPresent())
                    .filter(f -> {
                        String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
                        return name.contains(".yaml") || name.contains(".yml");
                    }).sorted().toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
