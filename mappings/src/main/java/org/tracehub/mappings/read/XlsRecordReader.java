package org.tracehub.mappings.read;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.hssf.OldExcelFormatException;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.filesystem.OfficeXmlFileException;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Row;
import org.tracehub.schemas.validation.ErrorCodes;

/**
 * Reads one worksheet of a legacy .xls (BIFF8) workbook with POI's HSSF. HSSF has no streaming row
 * model, so the whole workbook is in memory while it is read; files above
 * {@link ReaderLimits#maxXlsBytes()} are refused with FILE_TOO_LARGE before they are opened.
 */
public final class XlsRecordReader extends SpreadsheetRecordReader {

    /** A workbook encrypted with a password, .xls or .xlsx alike (XlsxRecordReader says the same). */
    static final String PASSWORD_PROTECTED = "文件有密码保护，请去掉密码后重新上传";

    private final POIFSFileSystem fs;
    private final HSSFWorkbook workbook;
    private final Iterator<Row> rows;
    private final boolean date1904;

    public XlsRecordReader(Path file, String sheet, int headerRow, ReaderLimits limits) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw FileLevelException.unreadable(file, e);
        }
        if (size > limits.maxXlsBytes()) {
            throw new FileLevelException(ErrorCodes.FILE_TOO_LARGE, "xls文件大小为" + megabytes(size) + "MB，超过上限"
                    + megabytes(limits.maxXlsBytes()) + "MB；请另存为xlsx或csv格式后重新上传", 0);
        }
        POIFSFileSystem opened = null;
        try {
            opened = new POIFSFileSystem(file.toFile(), true);
            this.fs = opened;
            this.workbook = new HSSFWorkbook(opened.getRoot(), false);
        } catch (OfficeXmlFileException e) {
            closeQuietly(opened);
            throw new FileLevelException(ErrorCodes.FILE_MALFORMED, "文件是xlsx格式而不是xls格式，请在映射中写format: xlsx或更正文件扩展名", 0, e);
        } catch (OldExcelFormatException e) {
            closeQuietly(opened);
            throw new FileLevelException(ErrorCodes.FILE_MALFORMED, "文件是Excel 95或更早的格式，请另存为xls或xlsx后重新上传", 0, e);
        } catch (EncryptedDocumentException e) {
            closeQuietly(opened);
            throw new FileLevelException(ErrorCodes.FILE_UNREADABLE, PASSWORD_PROTECTED, 0, e);
        } catch (IOException | RuntimeException e) {
            closeQuietly(opened);
            throw new FileLevelException(ErrorCodes.FILE_MALFORMED, "无法打开xls文件（文件已损坏或不是xls格式）：" + e.getMessage(), 0, e);
        }
        try {
            List<String> names = new ArrayList<>();
            List<Boolean> hidden = new ArrayList<>();
            for (int i = 0; i < workbook.getNumberOfSheets(); i++) {
                names.add(workbook.getSheetName(i));
                hidden.add(workbook.isSheetHidden(i) || workbook.isSheetVeryHidden(i));
            }
            int chosen = sheetIndex(names, hidden, sheet);
            this.rows = workbook.getSheetAt(chosen).rowIterator();
            merged(MergedRanges.of(workbook.getSheetAt(chosen).getMergedRegions(), names.get(chosen)));
            this.date1904 = workbook.getInternalWorkbook().isUsing1904DateWindowing();
            start(headerRow, names, chosen);
            refuseRowsInOtherSheets(sheet, names, hidden, chosen, headerRow, i -> {
                Iterator<Row> other = workbook.getSheetAt(i).rowIterator();
                return new OtherSheet() {
                    @Override
                    public SheetRow next() {
                        return other.hasNext() ? SpreadsheetCells.row(other.next(), date1904) : null;
                    }

                    @Override
                    public void close() {
                        // the workbook is in memory
                    }
                };
            });
        } catch (RuntimeException e) {
            close();
            throw e instanceof FileLevelException f ? f
                    : new FileLevelException(ErrorCodes.FILE_MALFORMED, "xls文件内容已损坏，无法读取：" + e.getMessage(), 0, e);
        }
    }

    @Override
    SheetRow nextRow() {
        return rows.hasNext() ? SpreadsheetCells.row(rows.next(), date1904) : null;
    }

    @Override
    boolean date1904() {
        return date1904;
    }

    @Override
    public void close() {
        try {
            workbook.close();
        } catch (IOException e) {
            // read-only: nothing to flush
        }
        closeQuietly(fs);
    }

    private static void closeQuietly(POIFSFileSystem fs) {
        if (fs != null) {
            try {
                fs.close();
            } catch (IOException e) {
                // read-only: nothing to flush
            }
        }
    }

    private static String megabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f", bytes / (1024.0 * 1024.0));
    }
}
