package org.tracehub.jobs.importjob;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.tracehub.mappings.read.ReaderLimits;

/**
 * {@code hub.jobs.readers.*}: the bounds the convert step's readers enforce on an archived file,
 * whatever its spec says (a file beyond them fails its batch with {@code FILE_TOO_LARGE}).
 *
 * @param maxFileSize  the largest file of any format converted (pulled files are not bounded by the drop-box's limit)
 * @param maxXlsSize   the largest .xls converted: HSSF holds a whole workbook in memory
 */
@ConfigurationProperties(prefix = "hub.jobs.readers", ignoreUnknownFields = false)
public record ReaderSettings(
        @DefaultValue("1GB") DataSize maxFileSize,
        @DefaultValue("20MB") DataSize maxXlsSize) {

    /** As the mapping module's readers take them. */
    public ReaderLimits limits() {
        return new ReaderLimits(maxXlsSize.toBytes(), maxFileSize.toBytes());
    }
}
