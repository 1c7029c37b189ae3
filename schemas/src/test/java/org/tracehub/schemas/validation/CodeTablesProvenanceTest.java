package org.tracehub.schemas.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every shipped data file has its source and date recorded next to it. */
class CodeTablesProvenanceTest {

    private static final Path CODES = Path.of("src/main/resources/codes");

    @Test
    void recordsSourceAndDateOfEveryCodeTable() throws IOException {
        String readme = Files.readString(CODES.resolve("README.md"));
        List<String> tables;
        try (Stream<Path> files = Files.list(CODES)) {
            tables = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".csv")).sorted().toList();
        }

        assertThat(tables).containsExactly("code-lists.csv", "field-names.csv", "gb2260-retired.csv", "gb2260.csv");
        for (String table : tables) {
            String row = readme.lines().filter(l -> l.startsWith("| `" + table + "`")).findFirst().orElse("");
            assertThat(row).as("row of %s in codes/README.md", table).matches(".*\\d{4}-\\d{2}-\\d{2}.*");
        }
        assertThat(readme).contains("china-division` 2.7.0");
    }
}
