package org.tracehub.routes.intake;

import java.util.regex.Pattern;

/**
 * The one rule for source ids. An id names the source's SFTP account and its folders on disk, and it
 * arrives in URLs and messages, so it must never be able to name {@code ..}, a path or a hidden file.
 */
public final class SourceIds {

    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private SourceIds() {
    }

    public static boolean isWellFormed(String sourceId) {
        return sourceId != null && WELL_FORMED.matcher(sourceId).matches();
    }

    /** @throws IllegalArgumentException if the id is not usable as a folder name */
    public static String require(String sourceId) {
        if (!isWellFormed(sourceId)) {
            throw new IllegalArgumentException("Not a source id: " + sourceId);
        }
        return sourceId;
    }
}
