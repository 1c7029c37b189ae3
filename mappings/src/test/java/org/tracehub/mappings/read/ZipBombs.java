package org.tracehub.mappings.read;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Builds XLSX packages whose parts inflate far beyond their compressed size, or beyond the size their zip declares. */
final class ZipBombs {

    private ZipBombs() {
    }

    /** A copy of {@code xlsx} whose worksheets carry 50 MB of blanks in a comment: compressed to a few KB. */
    static Path xlsxWithInflatedSheet(Path xlsx, Path target) throws Exception {
        byte[] padding = " ".repeat(50 * 1024 * 1024).getBytes(StandardCharsets.US_ASCII);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(xlsx));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                byte[] content = in.readAllBytes();
                out.putNextEntry(new ZipEntry(entry.getName()));
                if (entry.getName().startsWith("xl/worksheets/sheet")) {
                    String xml = new String(content, StandardCharsets.UTF_8);
                    int afterDeclaration = xml.indexOf("?>") + 2;
                    out.write(xml.substring(0, afterDeclaration).getBytes(StandardCharsets.UTF_8));
                    out.write("<!--".getBytes(StandardCharsets.US_ASCII));
                    out.write(padding);
                    out.write("-->".getBytes(StandardCharsets.US_ASCII));
                    out.write(xml.substring(afterDeclaration).getBytes(StandardCharsets.UTF_8));
                } else {
                    out.write(content);
                }
                out.closeEntry();
            }
        }
        return target;
    }

    /** A copy of {@code xlsx} with the entry {@code name} replaced by this content, written as it is zipped. */
    static Path withPart(Path xlsx, Path target, String name, XlsxSheetXmlTest.Part content) throws Exception {
        return withParts(xlsx, target, Map.of(name, content));
    }

    /** A copy of {@code xlsx} with these entries replaced, or added after the others, each written as it is zipped. */
    static Path withParts(Path xlsx, Path target, Map<String, XlsxSheetXmlTest.Part> parts) throws Exception {
        Map<String, XlsxSheetXmlTest.Part> added = new TreeMap<>(parts);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(xlsx));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                byte[] stored = in.readAllBytes();
                out.putNextEntry(new ZipEntry(entry.getName()));
                XlsxSheetXmlTest.Part replaced = added.remove(entry.getName());
                if (replaced != null) {
                    replaced.writeTo(out);
                } else {
                    out.write(stored);
                }
                out.closeEntry();
            }
            for (Map.Entry<String, XlsxSheetXmlTest.Part> part : added.entrySet()) {
                out.putNextEntry(new ZipEntry(part.getKey()));
                part.getValue().writeTo(out);
                out.closeEntry();
            }
        }
        return target;
    }

    /**
     * Makes the zip's central directory declare this uncompressed size for an entry, its data unchanged: a zip lies
     * about its sizes as cheaply as that.
     */
    static void declareSize(Path zip, String name, long size) throws Exception {
        byte[] bytes = Files.readAllBytes(zip);
        byte[] entryName = name.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int at = 0; at + 46 <= bytes.length; at++) {
            if (buffer.getInt(at) == 0x02014b50 && buffer.getShort(at + 28) == entryName.length
                    && Arrays.equals(bytes, at + 46, at + 46 + entryName.length, entryName, 0, entryName.length)) {
                buffer.putInt(at + 24, (int) size);
                Files.write(zip, bytes);
                return;
            }
        }
        throw new IllegalArgumentException("no central directory entry " + name);
    }

    /** The content types of {@link XlsxSheetXmlTest#write}'s package, with a core-properties part of this name. */
    static XlsxSheetXmlTest.Part contentTypesWithCoreProperties(String partName) {
        return XlsxSheetXmlTest.text("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
                + "<Override PartName=\"" + partName + "\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/></Types>");
    }
}
