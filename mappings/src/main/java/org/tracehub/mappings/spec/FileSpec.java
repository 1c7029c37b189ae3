package org.tracehub.mappings.spec;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import org.tracehub.schemas.standard.v1.Step;

/**
 * One kind of file a source sends: how to recognise it, read it and map its rows.
 *
 * @param match     a glob on the file name, e.g. {@code 交易明细_*.csv}
 * @param encoding  a charset name, or {@code auto} (BOM → strict UTF-8 → GB18030)
 * @param headerRow the 1-based row holding the column names; rows above it are titles
 * @param key       the columns whose values make the row's natural key
 */
public record FileSpec(
        String match,
        FileFormat format,
        String encoding,
        int headerRow,
        char delimiter,
        Step step,
        List<SkipRule> skip,
        List<String> key,
        List<FieldMapping> fields) {

    public boolean matches(String fileName) {
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + match);
        return matcher.matches(Path.of(fileName));
    }
}
