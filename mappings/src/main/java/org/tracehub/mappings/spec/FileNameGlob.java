package org.tracehub.mappings.spec;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.Locale;
import java.util.regex.PatternSyntaxException;

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

    /**
     * Why the glob does not compile (an unclosed {@code [} or <code>{</code>, a nested group), or null when it does:
     * a spec's {@code match} and a pull's {@code pattern} are checked with it where they are read.
     */
    public static String problem(String glob) {
        try {
            new FileNameGlob(glob);
            return null;
        } catch (PatternSyntaxException e) {
            return e.getDescription() + (e.getIndex() >= 0 ? " at character " + (e.getIndex() + 1) : "")
                    + " (a glob: * any characters, ? one, [0-9] one of a set, {a,b} either)";
        }
    }

    public boolean matches(String fileName) {
        return matcher.matches(Path.of(fileName.toLowerCase(Locale.ROOT)));
    }
}
