package org.tracehub.mappings.read;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Builds an XLSX whose worksheets inflate far beyond their compressed size, as a zip bomb does. */
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
}
