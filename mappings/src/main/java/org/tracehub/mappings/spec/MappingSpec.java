package org.tracehub.mappings.spec;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tracehub.schemas.standard.v1.Category;

/**
 * A legacy source, loaded and validated from its spec file before any row is read. Immutable.
 *
 * @param source          the source id; also the SFTP account name
 * @param rejectThreshold the share of rejected rows above which the whole file fails
 * @param origin          where the spec was loaded from, for messages
 * @param notes           what the loader found worth a look without refusing the spec: constants the standard's rules
 *                        only warn about (a credit code with a wrong check digit, a region code not in the current
 *                        table), which every row would then carry
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
        List<SpecProblem> notes) {

    public MappingSpec {
        notes = List.copyOf(notes);
    }

    /** A spec without notes. */
    public MappingSpec(String source, String name, Category category, OperatorDefaults operator, LoadMode load,
            BigDecimal rejectThreshold, List<FileSpec> files, Map<String, Map<String, String>> lookups, String receiptEncoding,
            String origin) {
        this(source, name, category, operator, load, rejectThreshold, files, lookups, receiptEncoding, origin, List.of());
    }

    public Optional<FileSpec> fileSpecFor(String fileName) {
        return files.stream().filter(f -> f.matches(fileName)).findFirst();
    }

    /** The file name patterns this source may send, for "unknown file" receipts. */
    public List<String> acceptedPatterns() {
        return files.stream().map(FileSpec::match).toList();
    }
}
