package org.tracehub.mappings.read;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import javax.xml.stream.XMLStreamException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.poifs.crypt.Decryptor;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.usermodel.XSSFRelation;
import org.tracehub.schemas.validation.ErrorCodes;

/**
 * Streams one worksheet of an .xlsx workbook: POI opens the package from the file (not a stream, so
 * it is not copied into memory, and with POI's zip-bomb protection as it is) and finds the sheets and
 * the parts; the sheet's XML is read with StAX by {@link XlsxSheetRows}; the shared strings table, when
 * the workbook has one, is kept in a temporary file (poi-shared-strings), each string bounded as it is
 * read ({@link XlsxSharedStrings}); of the styles, only how each cell format shows numbers is read
 * ({@link XlsxNumberStyles}); workbook.xml is read, bounded, by {@link WorkbookPart} before POI reads
 * its sheet list, and the content-types and relationship parts POI parses on opening are bounded by
 * {@link XlsxPackageParts} before it opens the file (a zip whose central directory cannot be read is refused there, not
 * read by POI's fallback over the local headers, which would read those parts unbounded). Heap use does not grow with the number of rows. Not thread-safe.
 */
public final class XlsxRecordReader extends SpreadsheetRecordReader {

    private final OPCPackage pkg;
    private XlsxSharedStrings sharedStrings;
    private InputStream sheetStream;
    private XlsxSheetRows rows;
    private boolean date1904;

    public XlsxRecordReader(Path file, String sheet, int headerRow) {
        try {
            // before POI parses [Content_Types].xml and every .rels part whole
            XlsxPackageParts.check(file);
            this.pkg = OPCPackage.open(file.toFile(), PackageAccess.READ);
        } catch (FileLevelException e) {
            throw e;
        } catch (Exception e) {
            throw opening(file, e);
        }
        try {
            XSSFReader reader = new XSSFReader(pkg);
            // before POI's sheet iterator reads workbook.xml whole, keeping every <sheet> of it: bounded first
            WorkbookPart facts;
            try (InputStream workbook = reader.getWorkbookData()) {
                facts = WorkbookPart.read(workbook);
            }
            date1904 = facts.date1904();
            List<String> names = new ArrayList<>();
            List<PackagePart> parts = new ArrayList<>();
            XSSFReader.SheetIterator sheets = reader.getSheetIterator();
            while (sheets.hasNext()) {
                sheets.next().close();
                names.add(sheets.getSheetName());
                parts.add(sheets.getSheetPart());
            }
            List<Boolean> hidden = names.stream().map(facts.hiddenSheets()::contains).toList();
            int index = sheetIndex(names, hidden, sheet);
            List<PackagePart> sharedStringParts = pkg.getPartsByContentType(XSSFRelation.SHARED_STRINGS.getContentType());
            if (!sharedStringParts.isEmpty()) {
                sharedStrings = XlsxSharedStrings.read(sharedStringParts.get(0));
            }
            List<PackagePart> stylesParts = pkg.getPartsByContentType(XSSFRelation.STYLES.getContentType());
            IntFunction<SpreadsheetCells.NumberStyle> numberStyles = stylesParts.isEmpty()
                    ? i -> SpreadsheetCells.NumberStyle.PLAIN : XlsxNumberStyles.read(stylesParts.get(0));
            try (InputStream scan = parts.get(index).getInputStream()) {
                merged(MergedRanges.scan(scan, names.get(index)));
            }
            sheetStream = new BufferedInputStream(parts.get(index).getInputStream(), 1 << 16);
            rows = new XlsxSheetRows(sheetStream, names.get(index), this::sharedString, numberStyles, date1904);
            start(headerRow, names, index);
            refuseRowsInOtherSheets(sheet, names, hidden, index, headerRow,
                    i -> otherSheet(parts.get(i), names.get(i), numberStyles));
        } catch (FileLevelException e) {
            closeQuietly();
            throw e;
        } catch (Exception e) {
            closeQuietly();
            throw reading(e);
        }
    }

    private OtherSheet otherSheet(PackagePart part, String name, IntFunction<SpreadsheetCells.NumberStyle> numberStyles) {
        InputStream in = null;
        try {
            in = new BufferedInputStream(part.getInputStream(), 1 << 14);
            InputStream stream = in;
            XlsxSheetRows other = new XlsxSheetRows(stream, name, this::sharedString, numberStyles, date1904);
            return new OtherSheet() {
                @Override
                public SheetRow next() throws XMLStreamException {
                    return other.next();
                }

                @Override
                public void close() {
                    try {
                        other.close();
                    } catch (XMLStreamException | RuntimeException e) {
                        // the stream below is closed next
                    }
                    closeQuietly(stream);
                }
            };
        } catch (IOException | XMLStreamException e) {
            closeQuietly(in);
            throw new UncheckedIOException(e instanceof IOException io ? io : new IOException(e));
        }
    }

    @Override
    SheetRow nextRow() {
        try {
            return rows.next();
        } catch (FileLevelException e) {
            throw e;
        } catch (XMLStreamException | RuntimeException e) {
            throw reading(e);
        }
    }

    @Override
    public void close() {
        closeQuietly();
    }

    private String sharedString(int index) {
        if (sharedStrings == null) {
            throw new IllegalStateException("单元格引用了共享字符串第" + index + "项，但工作簿中没有共享字符串表");
        }
        return sharedStrings.getItemAt(index).getString();
    }

    @Override
    boolean date1904() {
        return date1904;
    }

    private static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException e) {
                // read-only: nothing to flush
            }
        }
    }

    private void closeQuietly() {
        try {
            if (rows != null) {
                rows.close();
            }
        } catch (XMLStreamException | RuntimeException e) {
            // the stream below is closed next
        }
        try {
            if (sheetStream != null) {
                sheetStream.close();
            }
        } catch (IOException | RuntimeException e) {
            // read-only: nothing to flush
        }
        try {
            if (sharedStrings != null) {
                sharedStrings.close();
            }
        } catch (IOException | RuntimeException e) {
            // the temporary file is removed on close; nothing else to release
        }
        // revert, not close: a package opened read-only is never saved
        pkg.revert();
    }

    private static FileLevelException opening(Path file, Exception e) {
        if (isZipBomb(e)) {
            return new FileLevelException(ErrorCodes.FILE_TOO_LARGE,
                    "文件解压后的内容异常庞大（疑似压缩炸弹），已拒收", 0, e);
        }
        if (isOle2(file)) {
            // Excel saves a workbook encrypted with a password (用密码进行加密) as an OLE2 container holding the
            // encrypted package: the same refusal as a password-protected .xls, not "damaged"
            return hasEncryptedPackage(file)
                    ? new FileLevelException(ErrorCodes.FILE_UNREADABLE, XlsRecordReader.PASSWORD_PROTECTED, 0, e)
                    : new FileLevelException(ErrorCodes.FILE_MALFORMED,
                            "文件是xls格式而不是xlsx格式，请在映射中写format: xls或更正文件扩展名", 0, e);
        }
        return new FileLevelException(ErrorCodes.FILE_MALFORMED,
                "无法打开xlsx文件（文件已损坏、有密码保护，或不是xlsx格式——xls文件请在映射中写format: xls）", 0, e);
    }

    private static FileLevelException reading(Exception e) {
        if (isZipBomb(e)) {
            return new FileLevelException(ErrorCodes.FILE_TOO_LARGE,
                    "文件解压后的内容异常庞大（疑似压缩炸弹），已拒收", 0, e);
        }
        XmlMarkupBound.MarkupTooLarge tooLarge = XmlMarkupBound.within(e);
        if (tooLarge != null) {
            // the line is the part's XML's, not a row of the sheet: the message names it, the row stays unknown
            return new FileLevelException(ErrorCodes.FILE_MALFORMED, tooLarge.getMessage(), 0, e);
        }
        return new FileLevelException(ErrorCodes.FILE_MALFORMED, "xlsx文件内容已损坏，无法读取：" + e.getMessage(), 0, e);
    }

    private static boolean isOle2(Path file) {
        try (InputStream in = FileMagic.prepareToCheckMagic(Files.newInputStream(file))) {
            return FileMagic.valueOf(in) == FileMagic.OLE2;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean hasEncryptedPackage(Path file) {
        try (POIFSFileSystem ole2 = new POIFSFileSystem(file.toFile(), true)) {
            return ole2.getRoot().hasEntryCaseInsensitive(Decryptor.DEFAULT_POIFS_ENTRY);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean isZipBomb(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("Zip bomb")) {
                return true;
            }
        }
        return false;
    }
}
