package org.tracehub.mappings.spec;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.Locale;

/**
 * A glob on a file name ({@code 交易明细_*.csv}), matched regardless of case: legacy Windows systems export
 * {@code 交易明细_20261127.CSV}, and Windows, where the clerk sees the file, does not tell the two apart. Refused as
 * FILE_UNKNOWN, the clerk would have to rename every export. One rule for a spec's {@code files[].match} and a pull's
 * patterns.
 */
public final class FileNameGlob {

    private final PathMatcher matcher;

    public FileNameGlob(String glob) {
        this.matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob.toLowerCase(Locale.ROOT));
    }

    public boolean matches(String fileName) {
        return matcher.matches(Path.of(fileName.toLowerCase(Locale.ROOT)));
    }
}
