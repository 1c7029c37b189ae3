package org.tracehub.jobs.importjob;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.tracehub.mappings.catalog.SpecCatalog;
import org.tracehub.mappings.catalog.SpecFolderWatcher;
import org.tracehub.platform.batch.FileWarnings;
import org.tracehub.schemas.validation.ErrorCodes;

/**
 * A spec that reads a column by position (mappings/README.md, "Columns read by position"): the meat market's spec, under
 * another id, reading 品名 as the 7th column. A column the sender inserts before it moves 买方信用代码 there, and every
 * row's product name with it, without a single rejection; the import compares the read positions' titles with the
 * source's previous loaded file and says so on the file. The external folder is this class's own (the context is
 * closed after it).
 */
class PositionedColumnsTests extends ImportJobTestSupport {

    private static final String POSITIONED = "meat-wholesale-xj-positioned";

    @Autowired
    SpecCatalog catalog;

    private Path folder;
    private SpecFolderWatcher watcher;
    private String spec;

    @BeforeEach
    void specReadingTheProductByPosition() throws IOException {
        folder = Files.createTempDirectory(dataDir, "specs");
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("sources/" + SOURCE + ".yaml")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(text).contains("product.name:                   { column: 品名 }");
            spec = text.replace("source: " + SOURCE, "source: " + POSITIONED)
                    .replace("product.name:                   { column: 品名 }", "product.name:                   { index: 7 }");
        }
        watcher = new SpecFolderWatcher(catalog, folder, report -> { });
        writeSpec(spec);
    }

    @Test
    void aColumnInsertedBeforeAPositionTheSpecReadsIsWarnedOnTheFileNamingThePositionBothTitlesAndThePreviousFile() throws Exception {
        String first = loaded("交易明细_20261126.csv", export(record(1, "100", "3100123451", "310012611270001")));

        String moved = loaded("交易明细_20261127.csv",
                withColumnInserted(export(record(2, "100", "3100123452", "310012611270002")), "摊位号", "A-12"));

        // before: loaded without a word, its product name 91310112087994932F (the buyer's credit code, now 7th)
        assertThat(batch(first).fileWarnings().entries()).isEmpty();
        assertThat(batch(moved).fileWarnings().entries()).singleElement().satisfies(w -> {
            assertThat(w.code()).isEqualTo(ErrorCodes.INDEX_COLUMN_CHANGED);
            assertThat(w.column()).isEqualTo("第7列");
            assertThat(w.field()).isEqualTo("product.name");
            assertThat(w.message()).startsWith("映射按位置读取第7列作为")
                    .contains("上次接收的文件（交易明细_20261126.csv，批次 " + first + "）中为“品名”，本文件中为“买方信用代码”");
        });
    }

    @Test
    void aFileInTheLayoutOfThePreviousOneIsNotWarned() throws Exception {
        loaded("交易明细_20261126.csv", export(record(1, "100", "3100123451", "310012611270001")));

        String same = loaded("交易明细_20261127.csv", export(record(2, "100", "3100123452", "310012611270002")));

        assertThat(batch(same).fileWarnings().entries()).isEmpty();
    }

    @Test
    void aFileAfterTheAdminMovedThePositionForTheNewLayoutIsNotComparedWithAFileOfTheOldSpec() throws Exception {
        loaded("交易明细_20261126.csv", export(record(1, "100", "3100123451", "310012611270001")));
        writeSpec(spec.replace("{ index: 7 }", "{ index: 8 }"));

        String moved = loaded("交易明细_20261127.csv",
                withColumnInserted(export(record(2, "100", "3100123452", "310012611270002")), "摊位号", "A-12"));

        assertThat(batch(moved).fileWarnings().entries()).extracting(FileWarnings.Entry::code).isEmpty();
    }

    private String loaded(String fileName, String text) throws Exception {
        String batchId = receive(POSITIONED, fileName, utf8(text));
        assertThat(importNewAttempt(batchId).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(batch(batchId).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.LOADED);
        return batchId;
    }

    /** The export with a column inserted as the 5th, before 买方名称 (the title row, the first line, left as it is). */
    private static String withColumnInserted(String export, String title, String value) {
        List<String> lines = Arrays.asList(export.split("\r\n"));
        StringBuilder sb = new StringBuilder(lines.get(0)).append("\r\n");
        for (int i = 1; i < lines.size(); i++) {
            List<String> cells = new java.util.ArrayList<>(Arrays.asList(lines.get(i).split(",", -1)));
            cells.add(4, i == 1 ? title : value);
            sb.append(cells.stream().collect(Collectors.joining(","))).append("\r\n");
        }
        return sb.toString();
    }

    private void writeSpec(String text) {
        try {
            Files.writeString(folder.resolve(POSITIONED + ".yaml"), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(watcher.refresh().loaded()).extracting(s -> s.source()).containsExactly(POSITIONED);
    }
}
