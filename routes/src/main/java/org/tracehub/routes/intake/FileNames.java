package org.tracehub.routes.intake;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Names from senders are never trusted as paths: no folders, no control characters, no names
 * that are special to a file system, no names longer than a file system allows.
 */
public final class FileNames {

    private static final int MAX_BYTES = 200;
    // WinSCP writes every file above 100 KB as name.filepart and renames it when done: taken at its close, the
    // half-way name ended UNKNOWN_SOURCE and the rename that followed failed, so the real export never arrived.
    private static final List<String> IN_PROGRESS_SUFFIXES = List.of(".part", ".tmp", ".filepart", ".partial");

    private FileNames() {
    }

    public static String sanitize(String name) {
        String base = name == null ? "" : name;
        int slash = Math.max(base.lastIndexOf('/'), base.lastIndexOf('\\'));
        base = base.substring(slash + 1);
        StringBuilder sb = new StringBuilder();
        base.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp) || "<>:\"|?*".indexOf(cp) >= 0) {
                sb.append('_');
            } else {
                sb.appendCodePoint(cp);
            }
        });
        String clean = sb.toString().strip();
        while (clean.startsWith(".")) {
            clean = clean.substring(1);
        }
        if (clean.isEmpty() || clean.toLowerCase(Locale.ROOT).matches("(con|prn|aux|nul|com\\d|lpt\\d)(\\..*)?")) {
            clean = "file_" + clean;
        }
        while (clean.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            int cut = clean.lastIndexOf('.');
            String ext = cut > 0 && clean.length() - cut <= 10 ? clean.substring(cut) : "";
            String stem = clean.substring(0, clean.length() - ext.length());
            clean = stem.substring(0, stem.offsetByCodePoints(stem.length(), -1)) + ext; // never half a character
        }
        return clean;
    }

    /**
     * The one rule for names a sender's client uses while it is still writing ({@code .part}, {@code .tmp},
     * WinSCP's {@code .filepart}, {@code .partial}, any case) and for hidden names ({@code .x}, also the hub's own
     * {@code .taken} folder). The drop-box never reports such a file as complete, only its rename to a final name,
     * and a pull never fetches one.
     */
    public static boolean isInProgress(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.startsWith(".") || IN_PROGRESS_SUFFIXES.stream().anyMatch(lower::endsWith);
    }
}
