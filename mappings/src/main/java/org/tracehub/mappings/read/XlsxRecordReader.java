package org.tracehub.mappings.read;

import com.github.pjfanning.xlsx.CloseableIterator;
import com.github.pjfanning.xlsx.SharedStringsImplementationType;
import com.github.pjfanning.xlsx.StreamingReader;
import com.github.pjfanning.xlsx.exceptions.ExcelRuntimeException;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.poi.ooxml.POIXMLException;
import org.apache.poi.ss.usermodel.Date1904Support;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Workbook;
import org.tracehub.schemas.validation.ErrorCodes;

/**
 * Streams one worksheet of an .xlsx workbook with excel-streaming-reader: opened from the file (not
 * a stream, so the package is not copied into memory), a small row cache, the shared strings table
 * in a temporary file, and POI's zip-bomb protection left as it is. Heap use does not grow with
 * the number of rows. Not thread-safe.
 */
public final class XlsxRecordReader extends SpreadsheetRecordReader {

    private final Workbook workbook;
    private CloseableIterator<Row> rows;

    public XlsxRecordReader(Path file, String sheet, int headerRow, ReaderLimits limits) {
        try {
            this.workbook = StreamingReader.builder()
                    .rowCacheSize(limits.xlsxRowCache())
                    .bufferSize(8192)
                    .setSharedStringsImplementationType(SharedStringsImplementationType.TEMP_FILE_BACKED)
                    .setReadComments(false)
                    .setReadHyperlinks(false)
                    .setReadShapes(false)
                    .open(file.toFile());
        } catch (ExcelRuntimeException | POIXMLException e) {
            throw opening(e);
        }
        try {
            int index = sheetIndex(workbook, sheet);
            this.rows = (CloseableIterator<Row>) workbook.getSheetAt(index).rowIterator();
            start(workbook instanceof Date1904Support d && d.isDate1904(), headerRow);
        } catch (RuntimeException e) {
            closeQuietly();
            throw e instanceof FileLevelException f ? f : reading(e);
        }
    }

    @Override
    Row nextRow() {
        try {
            return rows.hasNext() ? rows.next() : null;
        } catch (RuntimeException e) {
            throw reading(e);
        }
    }

    @Override
    public void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            if (rows != null) {
                rows.close();
            }
        } catch (IOException | RuntimeException e) {
            // closing the workbook below releases the sheet too
        }
        try {
            workbook.close();
        } catch (IOException | RuntimeException e) {
            // the temporary shared-strings file is deleted on close; nothing else to release
        }
    }

    private static FileLevelException opening(RuntimeException e) {
        if (isZipBomb(e)) {
            return new FileLevelException(ErrorCodes.FILE_TOO_LARGE,
                    "文件解压后的内容异常庞大（疑似压缩炸弹），已拒收", 0, e);
        }
        return new FileLevelException(ErrorCodes.FILE_MALFORMED,
                "无法打开xlsx文件（文件已损坏、有密码保护，或不是xlsx格式——xls文件请在映射中写format: xls）", 0, e);
    }

    private static FileLevelException reading(RuntimeException e) {
        if (isZipBomb(e)) {
            return new FileLevelException(ErrorCodes.FILE_TOO_LARGE,
                    "文件解压后的内容异常庞大（疑似压缩炸弹），已拒收", 0, e);
        }
        return new FileLevelException(ErrorCodes.FILE_MALFORMED, "xlsx文件内容已损坏，无法读取：" + e.getMessage(), 0, e);
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
