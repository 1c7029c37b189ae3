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
        String origin) {

    public Optional<FileSpec> fileSpecFor(String fileName) {
        return files.stream().filter(f -> f.matches(fileName)).findFirst();
    }

    /** The file name patterns this source may send, for "unknown file" receipts. */
    public List<String> acceptedPatterns() {
        return files.stream().map(FileSpec::match).toList();
    }
}
