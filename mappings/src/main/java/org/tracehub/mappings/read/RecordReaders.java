package org.tracehub.mappings.read;

import java.nio.file.Path;
import org.tracehub.mappings.spec.FileSpec;
import org.tracehub.schemas.validation.ErrorCodes;

/** Opens the streaming reader a file spec calls for. */
public final class RecordReaders {

    private RecordReaders() {
    }

    public static RecordReader open(FileSpec spec, Path file) {
        return switch (spec.format()) {
            case CSV -> new CsvRecordReader(file, spec.encoding(), spec.headerRow(), spec.delimiter());
            case XLS, XLSX, XML -> throw new FileLevelException(ErrorCodes.FILE_UNREADABLE,
                    "暂不支持的文件格式：" + spec.format(), 0);
        };
    }
}
