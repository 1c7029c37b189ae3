package org.tracehub.mappings.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.tracehub.schemas.validation.ErrorCodes;

/**
 * Bounds the parts of an .xlsx package that POI reads whole when it opens the file, before it opens it:
 * {@code [Content_Types].xml} and the relationship parts ({@code .rels}), which POI parses into a DOM, every one of them,
 * and keeps their relationships. Hundreds of MB of repeated elements zip within POI's zip-bomb ratio and took the heap
 * before any bound of the reader applied. A workbook Excel saves has a few KB of them; a sheet with an external
 * hyperlink on every row of a big ledger some MB. Each part is refused past {@link #MAX_PART_BYTES} and all of them
 * together past {@link #MAX_TOTAL_BYTES}, as FILE_MALFORMED naming the part: first by the sizes the zip's central
 * directory declares, without inflating a byte, then by the bytes each part really inflates to (a declared size can
 * lie), no more of them read than the bound. The zip is read as POI reads it ({@link ZipSecureFile}: the same central
 * directory, its zip-bomb ratio on).
 */
final class XlsxPackageParts {

    /** One part, inflated: Excel's are a few KB; 4 MB is some 20,000 hyperlinks' relationships in one sheet. */
    static final long MAX_PART_BYTES = 4L * 1024 * 1024;
    /** All of them together: POI keeps every relationship of the package while it is open. */
    static final long MAX_TOTAL_BYTES = 16L * 1024 * 1024;

    private static final String CONTENT_TYPES = "[Content_Types].xml";

    private XlsxPackageParts() {
    }

    /**
     * Refuses a package whose content-types or relationship parts pass the bounds.
     *
     * @throws IOException the file is no zip POI could read by its central directory (the caller refuses it as POI's
     *                     own failure would be refused)
     */
    static void check(Path file) throws IOException {
        check(file, MAX_PART_BYTES, MAX_TOTAL_BYTES);
    }

    /** As {@link #check(Path)}, with these bounds. */
    static void check(Path file, long maxPart, long maxTotal) throws IOException {
        try (ZipSecureFile zip = new ZipSecureFile(file.toFile())) {
            List<ZipArchiveEntry> parts = new ArrayList<>();
            long declared = 0;
            for (ZipArchiveEntry entry : Collections.list(zip.getEntries())) {
                if (isBounded(entry.getName())) {
                    parts.add(entry);
                    // an unknown size (-1) passes here, and is counted below
                    long size = Math.max(entry.getSize(), 0);
                    declared += size;
                    refuse(entry.getName(), size, declared, maxPart, maxTotal);
                }
            }
            long total = 0;
            byte[] buffer = new byte[1 << 14];
            for (ZipArchiveEntry entry : parts) {
                long part = 0;
                try (InputStream in = zip.getInputStream(entry)) {
                    for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                        part += n;
                        total += n;
                        refuse(entry.getName(), part, total, maxPart, maxTotal);
                    }
                }
            }
        }
    }

    /**
     * The parts POI parses whole on opening, by entry name as a zip may spell it: POI matches them without regard to
     * case, and a part named so that POI does not take it for one is bounded all the same.
     */
    private static boolean isBounded(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".rels") || lower.equals(CONTENT_TYPES.toLowerCase(Locale.ROOT))
                || lower.equals("/" + CONTENT_TYPES.toLowerCase(Locale.ROOT));
    }

    private static void refuse(String name, long part, long total, long maxPart, long maxTotal) {
        if (part > maxPart) {
            throw new FileLevelException(ErrorCodes.FILE_MALFORMED, partName(name) + "解压后超过" + size(maxPart)
                    + "（Excel保存的工作簿中只有几KB），超过平台能读取的上限，文件已拒收", 0);
        }
        if (total > maxTotal) {
            throw new FileLevelException(ErrorCodes.FILE_MALFORMED, "xlsx文件的内容类型表与关系部件（.rels）合计解压后超过"
                    + size(maxTotal) + "（读到" + shown(name) + "时），超过平台能读取的上限，文件已拒收", 0);
        }
    }

    private static String partName(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(".rels")
                ? "xlsx文件的关系部件（" + shown(name) + "）" : "xlsx文件的内容类型表（" + shown(name) + "）";
    }

    /** An entry name is the sender's: a forged one of any length must not fill the receipt. */
    private static String shown(String name) {
        return name.length() > 64 ? name.substring(0, 64) + "…" : name;
    }

    private static String size(long bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + "MB" : bytes / 1024 + "KB";
    }
}
