package org.tracehub.mappings.spec;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tracehub.schemas.standard.v1.Category;
import org.tracehub.schemas.validation.TraceCodeValidator;

/**
 * A legacy source, loaded and validated from its spec file before any row is read. Immutable.
 *
 * @param source          the source id; also the SFTP account name
 * @param rejectThreshold the share of rejected rows above which the whole file fails
 * @param origin          where the spec was loaded from, for messages
 * @param notes           what the loader found worth a look without refusing the spec: constants the standard's rules
 *                        only warn about (a credit code with a wrong check digit, a region code not in the current
 *                        table), which every row would then carry
 * @param traceCodePattern the regular expression every row's own trace code must match as a whole (the shape the source
 *                        agreed on), or null for opaque codes
 * @param traceCodeExample a code of that shape, shown to the clerk with the pattern, or null
 * @param sourceLine      the line of the {@code source:} key in the spec file (1-based), for problems about the source
 *                        found after loading (a file not named after it, a second file for it); 0 when not known
 */
public record MappingSpec(
        String source,
        String name,
        Category category,
        OperatorDefaults operator,
        LoadMode load,
        BigDecimal rejectThreshold,
        List<FileSpec> files,
        Map<String, Map<String, String>> lookups,
        String receiptEncoding,
        String origin,
        List<SpecProblem> notes,
        String traceCodePattern,
        String traceCodeExample,
        int sourceLine) {

    public MappingSpec {
        notes = List.copyOf(notes);
    }

    /** A spec whose {@code source:} line is not known. */
    public MappingSpec(String source, String name, Category category, OperatorDefaults operator, LoadMode load,
            BigDecimal rejectThreshold, List<FileSpec> files, Map<String, Map<String, String>> lookups, String receiptEncoding,
            String origin, List<SpecProblem> notes, String traceCodePattern, String traceCodeExample) {
        this(source, name, category, operator, load, rejectThreshold, files, lookups, receiptEncoding, origin, notes,
                traceCodePattern, traceCodeExample, 0);
    }

    /** A spec without a trace-code pattern. */
    public MappingSpec(String source, String name, Category category, OperatorDefaults operator, LoadMode load,
            BigDecimal rejectThreshold, List<FileSpec> files, Map<String, Map<String, String>> lookups, String receiptEncoding,
            String origin, List<SpecProblem> notes) {
        this(source, name, category, operator, load, rejectThreshold, files, lookups, receiptEncoding, origin, notes, null, null);
    }

    /** A spec without notes. */
    public MappingSpec(String source, String name, Category category, OperatorDefaults operator, LoadMode load,
            BigDecimal rejectThreshold, List<FileSpec> files, Map<String, Map<String, String>> lookups, String receiptEncoding,
            String origin) {
        this(source, name, category, operator, load, rejectThreshold, files, lookups, receiptEncoding, origin, List.of());
    }

    /** This spec with one more note (something worth a look that does not refuse it). */
    public MappingSpec withNote(SpecProblem note) {
        List<SpecProblem> more = new ArrayList<>(notes);
        more.add(note);
        return new MappingSpec(source, name, category, operator, load, rejectThreshold, files, lookups, receiptEncoding, origin,
                more, traceCodePattern, traceCodeExample, sourceLine);
    }

    /** How this source's trace codes are checked: against its {@code traceCodePattern}, or opaque when it has none. */
    public TraceCodeValidator traceCodes() {
        return traceCodePattern == null ? TraceCodeValidator.opaque() : TraceCodeValidator.matching(traceCodePattern, traceCodeExample);
    }

    public Optional<FileSpec> fileSpecFor(String fileName) {
        return files.stream().filter(f -> f.matches(fileName)).findFirst();
    }

    /**
     * A digest of everything this spec converts by (not where it was read from, the loader's notes, nor the lines its keys
     * stand on: a comment or blank line added keeps it): equal for the same spec loaded again, in this process or after a
     * restart. The import job keeps it with an attempt, so that the attempt is never finished with another version of the
     * spec.
     */
    public String fingerprint() {
        return SpecFingerprint.of(this);
    }

    /**
     * The fingerprint as the release before counted it, with the lines its fields stand on: what a batch that release cut
     * short in its convert step kept, so that its restart after the upgrade goes on when the spec itself did not change.
     */
    public String fingerprintWithFieldLines() {
        return SpecFingerprint.withFieldLines(this);
    }

    /** The file name patterns this source may send, for "unknown file" receipts. */
    public List<String> acceptedPatterns() {
        return files.stream().map(FileSpec::match).toList();
    }
}
