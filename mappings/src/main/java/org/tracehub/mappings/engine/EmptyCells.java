package org.tracehub.mappings.engine;

import java.util.Locale;
import java.util.Set;

/**
 * Cells that say "none" in a clerk's ledger: 无, 暂无, N/A, or a dash or slash alone. Read as what they mean — an
 * empty cell — an optional code left as 无 no longer refuses its row as a malformed credit code or GTIN, and a
 * required one is reported as missing (缺少必填项), which is what the clerk has to fix, instead of as a code of the
 * wrong shape. A cell that says "unknown" ({@code ?}, 不详) is not "none" and is read as it is.
 */
final class EmptyCells {

    private static final Set<String> NONE = Set.of("无", "暂无", "n/a", "/", "-", "--", "—", "——", "－");

    private EmptyCells() {
    }

    /** The normalised cell, or null when it says "none". */
    static String blankIfPlaceholder(String text) {
        if (text == null || text.isEmpty() || text.length() > 3) {
            return text;
        }
        return NONE.contains(text.toLowerCase(Locale.ROOT)) ? null : text;
    }
}
