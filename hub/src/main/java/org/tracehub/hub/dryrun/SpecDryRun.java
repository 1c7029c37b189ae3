package org.tracehub.hub.dryrun;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import org.tracehub.hub.config.SpecSources;
import org.tracehub.mappings.engine.ConversionContext;
import org.tracehub.mappings.engine.ConvertedRow;
import org.tracehub.mappings.engine.FileConversion;
import org.tracehub.mappings.engine.FileRefusal;
import org.tracehub.mappings.engine.RowError;
import org.tracehub.mappings.read.FileLevelException;
import org.tracehub.mappings.read.RecordReader;
import org.tracehub.mappings.read.RecordReaders;
import org.tracehub.mappings.spec.FileSpec;
import org.tracehub.mappings.spec.MappingSpec;
import org.tracehub.mappings.spec.SpecException;
import org.tracehub.mappings.spec.SpecLoader;
import org.tracehub.schemas.event.EventRules;
import org.tracehub.schemas.validation.ErrorCodes;
import org.tracehub.schemas.xml.StandardXml;

/**
 * Loads a spec from text and converts a sample with it, exactly as the import job would
 * ({@link FileConversion}: same reader, engine and rules), but into memory only: no batch, no
 * staging, no store, no receipt. The sample is copied to a temporary file (readers work on paths)
 * that is deleted afterwards. Lookup files named by the spec are read beside the active spec of the source it names
 * ({@link SpecSources#siblingsFor}).
 */
@Component
public class SpecDryRun {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 500;
    public static final int MAX_PROBLEMS = 2_000;
    /** Provenance of dry-run events: not a batch id (those are {@code yyyyMMdd-<hex>}), so never mistaken for one. */
    static final String DRY_RUN_BATCH = "dry-run";

    private final EventRules rules;
    private final SpecSources sources;

    public SpecDryRun(EventRules rules, SpecSources sources) {
        this.rules = rules;
        this.sources = sources;
    }

    /**
     * @param specName   the spec's file name, for problem messages
     * @param sampleName the sample's file name: it selects the file kind ({@code files.match})
     */
    public DryRunResult run(byte[] specYaml, String specName, InputStream sample, String sampleName, int limit) throws IOException {
        MappingSpec spec;
        try {
            // its lookup files are read where the source's spec reads them, so a shipped or installed spec tries as it runs
            String source = SpecSources.sourceNamed(new String(specYaml, StandardCharsets.UTF_8)).orElse(null);
            spec = new SpecLoader().load(new ByteArrayInputStream(specYaml), specName, sources.siblingsFor(source));
        } catch (SpecException e) {
            throw new DryRunRefused(DryRunRefused.SPEC_INVALID, "映射文件有" + e.problems().size() + "处错误",
                    e.problems().stream().map(Object::toString).toList(), null);
        }
        String baseName = Path.of(sampleName).getFileName().toString();
        FileSpec fileSpec = spec.fileSpecFor(baseName).orElseThrow(() -> new DryRunRefused(DryRunRefused.FILE_UNKNOWN,
                "文件名“" + baseName + "”与映射中的文件名规则都不匹配：" + String.join("、", spec.acceptedPatterns()), List.of(), null));
        int max = Math.max(1, Math.min(limit, MAX_LIMIT));
        Path temp = Files.createTempFile("tracehub-dry-run-", ".sample");
        try {
            Files.copy(sample, temp, StandardCopyOption.REPLACE_EXISTING);
            if (Files.size(temp) == 0) {
                // as the hub's intake refuses such an upload (FILE_EMPTY), not as a header the reader did not find
                throw new DryRunRefused(DryRunRefused.SAMPLE_UNREADABLE, "样例文件“" + baseName + "”为空（0字节），服务器会拒收这样的文件",
                        List.of(), ErrorCodes.FILE_EMPTY);
            }
            String encoding = encoding(fileSpec, temp);
            List<DryRunResult.Event> events = new ArrayList<>();
            List<DryRunResult.Problem> problems = new ArrayList<>();
            boolean[] truncated = {false};
            FileConversion conversion = new FileConversion(spec, fileSpec, rules);
            FileConversion.Counts counts = conversion.run(temp,
                    new ConversionContext(spec.source(), DRY_RUN_BATCH, 0), row -> {
                        if (row instanceof ConvertedRow.Accepted a) {
                            if (events.size() < max) {
                                events.add(new DryRunResult.Event(a.row(), a.event().getEventId(), a.event().getTraceCode(),
                                        StandardXml.toXml(a.event())));
                            }
                            add(problems, a.warnings(), truncated);
                        } else if (row instanceof ConvertedRow.Rejected r) {
                            add(problems, r.errors(), truncated);
                        }
                    });
            // a sample the hub would send back whole must not read as "some rows rejected"
            DryRunResult.Refusal refusal = FileRefusal.of(counts, spec.rejectThreshold())
                    .map(r -> new DryRunResult.Refusal(r.code(), r.message())).orElse(null);
            return new DryRunResult(spec.source(), fileSpec.match(), encoding,
                    new DryRunResult.Counts(counts.read(), counts.accepted(), counts.rejected(), counts.skipped()),
                    events, problems, truncated[0], conversion.rowNumbering(), refusal,
                    conversion.fileWarnings().stream().map(SpecDryRun::problem).toList());
        } catch (FileLevelException e) {
            throw new DryRunRefused(DryRunRefused.SAMPLE_UNREADABLE, e.getMessage(), List.of(), e.code());
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static String encoding(FileSpec fileSpec, Path file) {
        try (RecordReader reader = RecordReaders.open(fileSpec, file)) {
            return reader.encoding();
        }
    }

    private static void add(List<DryRunResult.Problem> problems, List<RowError> errors, boolean[] truncated) {
        for (RowError e : errors) {
            if (problems.size() >= MAX_PROBLEMS) {
                truncated[0] = true;
                return;
            }
            problems.add(problem(e));
        }
    }

    private static DryRunResult.Problem problem(RowError e) {
        return new DryRunResult.Problem(e.row(), e.column(), e.field(), e.severity().name(), e.code(), e.message(), e.value());
    }
}
