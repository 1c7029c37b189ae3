package org.tracehub.mappings.read;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tracehub.mappings.spec.FileSpec;
import org.tracehub.schemas.validation.ErrorCodes;

/** Opens the streaming reader a file spec calls for, after checking the file against the limits. */
public final class RecordReaders {

    private RecordReaders() {
    }

    /** Opens with {@link ReaderLimits#DEFAULT}. */
    public static RecordReader open(FileSpec spec, Path file) {
        return open(spec, file, ReaderLimits.DEFAULT);
    }

    /** Opens the reader; a file above {@link ReaderLimits#maxFileBytes()} fails with FILE_TOO_LARGE first. */
    public static RecordReader open(FileSpec spec, Path file, ReaderLimits limits) {
        checkSize(file, limits);
        return switch (spec.format()) {
            case CSV -> new CsvRecordReader(file, spec.encoding(), spec.headerRow(), spec.delimiter(), spec.quote(),
                    spec.maxRecordLength());
            case XLSX -> new XlsxRecordReader(file, spec.sheet(), spec.headerRow());
            case XLS -> new XlsRecordReader(file, spec.sheet(), spec.headerRow(), limits);
            case XML -> new XmlRecordReader(file, spec);
        };
    }

    private static void checkSize(Path file, ReaderLimits limits) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw FileLevelException.unreadable(file, e);
        }
        if (size > limits.maxFileBytes()) {
            throw new FileLevelException(ErrorCodes.FILE_TOO_LARGE, "文件大小为" + size(size) + "，超过上限"
                    + size(limits.maxFileBytes()) + "，文件已拒收；请按日期或品类拆分成较小的文件后重新发送", 0);
        }
    }

    /** A size as a clerk reads it: 512字节, 1.5KB, 200MB (up to two decimals). */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + "字节";
        }
        boolean mega = bytes >= 1024L * 1024;
        return BigDecimal.valueOf(bytes).divide(BigDecimal.valueOf(mega ? 1024L * 1024 : 1024), 2, RoundingMode.HALF_UP)
                .stripTrailingZeros().toPlainString() + (mega ? "MB" : "KB");
    }
}
