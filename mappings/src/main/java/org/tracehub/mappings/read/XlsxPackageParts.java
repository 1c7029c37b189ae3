package org.tracehub.mappings.read;

import static javax.xml.stream.XMLStreamConstants.START_ELEMENT;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.tracehub.schemas.validation.ErrorCodes;

/**
 * Bounds the parts of an .xlsx package that POI reads whole when it opens the file, before it opens it:
 * {@code [Content_Types].xml}, the relationship parts ({@code .rels}) and the core properties
 * ({@code docProps/core.xml}, or whichever part the content types give that type), which POI parses into a DOM, every
 * one of them, keeping their relationships. Hundreds of MB of repeated elements zip within POI's zip-bomb ratio and
 * took the heap before any bound of the reader applied. A workbook Excel saves has a few KB of them; a sheet with an
 * external hyperlink on every row of a big ledger some MB. Each part is refused past {@link #MAX_PART_BYTES} and all of
 * them together past {@link #MAX_TOTAL_BYTES}, as FILE_MALFORMED naming the part: first by the sizes the zip's central
 * directory declares, without inflating a byte, then by the bytes each part really inflates to (a declared size can
 * lie), no more of them read than the bound. The zip is read as POI reads it ({@link ZipSecureFile}: the same central
 * directory, its zip-bomb ratio on).
 */
final class XlsxPackageParts {

    /** One part, inflated: Excel's are a few KB; 4 MB is some 20,000 hyperlinks' relationships in one sheet. */
    static final long MAX_PART_BYTES = 4L * 1024 * 1024;
    /** All of them together: POI keeps every relationship of the package while it is open. */
    static final long MAX_TOTAL_BYTES = 16L * 1024 * 1024;

    /** The content-types part's name, lower case: POI finds it without regard to case. */
    private static final String CONTENT_TYPES = "[content_types].xml";
    private static final String CORE_PROPERTIES = "application/vnd.openxmlformats-package.core-properties+xml";

    private final ZipSecureFile zip;
    private final long maxPart;
    private final long maxTotal;
    private long declared;
    private long total;

    private XlsxPackageParts(ZipSecureFile zip, long maxPart, long maxTotal) {
        this.zip = zip;
        this.maxPart = maxPart;
        this.maxTotal = maxTotal;
    }

    /**
     * Refuses a package whose content-types, relationship or core-properties parts pass the bounds.
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
            XlsxPackageParts parts = new XlsxPackageParts(zip, maxPart, maxTotal);
            List<ZipArchiveEntry> entries = Collections.list(zip.getEntries());
            List<ZipArchiveEntry> contentTypes = new ArrayList<>();
            List<ZipArchiveEntry> first = new ArrayList<>();
            Set<ZipArchiveEntry> bounded = Collections.newSetFromMap(new IdentityHashMap<>());
            for (ZipArchiveEntry entry : entries) {
                if (isContentTypes(entry.getName())) {
                    contentTypes.add(entry);
                    first.add(entry);
                } else if (entry.getName().toLowerCase(Locale.ROOT).endsWith(".rels")) {
                    first.add(entry);
                }
                bounded.addAll(first.subList(bounded.size(), first.size()));
            }
            parts.bound(first);
            // bounded now, so read: the core properties are whichever part it gives their type
            Set<String> names = new HashSet<>();
            Set<String> extensions = new HashSet<>();
            for (ZipArchiveEntry types : contentTypes) {
                parts.coreProperties(types, names, extensions);
            }
            List<ZipArchiveEntry> core = new ArrayList<>();
            for (ZipArchiveEntry entry : entries) {
                String name = withoutSlash(entry.getName().toLowerCase(Locale.ROOT));
                int dot = name.lastIndexOf('.');
                if (!bounded.contains(entry) && (names.contains(name) || dot >= 0 && extensions.contains(name.substring(dot + 1)))) {
                    core.add(entry);
                }
            }
            parts.bound(core);
        }
    }

    /** Refuses these entries past the bounds by their declared sizes, then by the bytes they inflate to. */
    private void bound(List<ZipArchiveEntry> entries) throws IOException {
        for (ZipArchiveEntry entry : entries) {
            // an unknown size (-1) passes here, and is counted below
            long size = Math.max(entry.getSize(), 0);
            declared += size;
            refuse(entry.getName(), size, declared);
        }
        byte[] buffer = new byte[1 << 14];
        for (ZipArchiveEntry entry : entries) {
            long part = 0;
            try (InputStream in = zip.getInputStream(entry)) {
                for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                    part += n;
                    total += n;
                    refuse(entry.getName(), part, total);
                }
            }
        }
    }

    /**
     * Adds the part names and extensions the content-types part gives the core properties' content type, lower case
     * and without a leading slash, as POI matches them. A part that is no XML is left to POI to refuse.
     */
    private void coreProperties(ZipArchiveEntry types, Set<String> names, Set<String> extensions) throws IOException {
        try (InputStream in = zip.getInputStream(types)) {
            XMLStreamReader xml = XlsxSheetRows.FACTORY.createXMLStreamReader(in);
            try {
                while (xml.hasNext()) {
                    if (xml.next() == START_ELEMENT && isCoreProperties(xml.getAttributeValue(null, "ContentType"))) {
                        String partName = xml.getAttributeValue(null, "PartName");
                        String extension = xml.getAttributeValue(null, "Extension");
                        if (partName != null) {
                            names.add(withoutSlash(partName.strip().toLowerCase(Locale.ROOT)));
                        }
                        if (extension != null) {
                            extensions.add(extension.strip().toLowerCase(Locale.ROOT));
                        }
                    }
                }
            } finally {
                xml.close();
            }
        } catch (XMLStreamException notXml) {
            // POI refuses the package for it when it opens it
        }
    }

    private static boolean isCoreProperties(String contentType) {
        return contentType != null && contentType.strip().toLowerCase(Locale.ROOT).startsWith(CORE_PROPERTIES);
    }

    private static boolean isContentTypes(String name) {
        return withoutSlash(name.toLowerCase(Locale.ROOT)).equals(CONTENT_TYPES);
    }

    private static String withoutSlash(String name) {
        return name.startsWith("/") ? name.substring(1) : name;
    }

    private void refuse(String name, long part, long sum) {
        if (part > maxPart) {
            throw new FileLevelException(ErrorCodes.FILE_MALFORMED, partName(name) + "解压后超过" + size(maxPart)
                    + "（Excel保存的工作簿中只有几KB），超过平台能读取的上限，文件已拒收", 0);
        }
        if (sum > maxTotal) {
            throw new FileLevelException(ErrorCodes.FILE_MALFORMED, "xlsx文件的内容类型表、关系部件（.rels）与文档属性合计解压后超过"
                    + size(maxTotal) + "（读到" + shown(name) + "时），超过平台能读取的上限，文件已拒收", 0);
        }
    }

    private static String partName(String name) {
        String kind = name.toLowerCase(Locale.ROOT).endsWith(".rels") ? "关系部件" : isContentTypes(name) ? "内容类型表" : "文档属性";
        return "xlsx文件的" + kind + "（" + shown(name) + "）";
    }

    /** An entry name is the sender's: a forged one of any length must not fill the receipt. */
    private static String shown(String name) {
        return name.length() > 64 ? name.substring(0, 64) + "…" : name;
    }

    private static String size(long bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + "MB" : bytes / 1024 + "KB";
    }
}
