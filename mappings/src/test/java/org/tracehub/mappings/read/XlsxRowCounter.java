package org.tracehub.mappings.read;

import java.nio.file.Path;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Run in a child JVM with a small heap by {@link XlsxStreamingMemoryTest}: reads a workbook through
 * {@link XlsxRecordReader} ({@code stream}) or POI's whole-workbook model ({@code load}) and prints
 * the number of data rows, or the refusal of a file the reader will not read; with several files, a line for each, in
 * the same JVM.
 */
public final class XlsxRowCounter {

    private XlsxRowCounter() {
    }

    public static void main(String[] args) throws Exception {
        for (int i = 1; i < args.length; i++) {
            count(args[0], Path.of(args[i]));
        }
    }

    private static void count(String mode, Path file) throws Exception {
        long rows = 0;
        if ("stream".equals(mode)) {
            try (XlsxRecordReader reader = new XlsxRecordReader(file, null, 1)) {
                for (RawRecord r = reader.next(); r != null; r = reader.next()) {
                    rows++;
                }
            } catch (FileLevelException e) {
                System.out.println("refused=" + e.code() + " " + e.getMessage());
                return;
            }
        } else {
            try (XSSFWorkbook workbook = new XSSFWorkbook(file.toFile())) {
                rows = workbook.getSheetAt(0).getLastRowNum();
            }
        }
        System.out.println("rows=" + rows);
    }
}
