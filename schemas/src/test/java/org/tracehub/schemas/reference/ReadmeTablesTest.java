package org.tracehub.schemas.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tracehub.schemas.validation.ErrorCodes;

/**
 * The README's reference tables are generated from the code (required fields, checks, names, code
 * lists, units) and the XSD (types): this test fails, printing the expected section, when the
 * README says something else. Regenerate with {@code StandardReference.main} (see the README).
 */
class ReadmeTablesTest {

    private static final Path README = Path.of("README.md");

    @Test
    void showsExactlyTheGeneratedTables() throws IOException {
        String readme = Files.readString(README);
        List<String> stale = new ArrayList<>();
        for (Map.Entry<String, String> section : StandardReference.sections().entrySet()) {
            String begin = StandardReference.begin(section.getKey());
            String end = StandardReference.end(section.getKey());
            int from = readme.indexOf(begin);
            int to = readme.indexOf(end);
            String actual = from < 0 || to < from ? null : readme.substring(from + begin.length() + 1, to);
            if (!section.getValue().equals(actual)) {
                stale.add(section.getKey());
                System.out.println("schemas/README.md: section '" + section.getKey() + "' should read:\n" + begin + "\n"
                        + section.getValue() + end + "\n");
            }
        }
        assertThat(stale).as("README sections that differ from the code (expected text printed above)").isEmpty();
    }

    @Test
    void listsEveryErrorCode() throws IOException, IllegalAccessException {
        String readme = Files.readString(README);
        List<String> missing = new ArrayList<>();
        for (Field field : ErrorCodes.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                String code = (String) field.get(null);
                if (!readme.contains("| `" + code + "` |")) {
                    missing.add(code);
                }
            }
        }
        assertThat(missing).as("error codes without a row in the README's error-code table").isEmpty();
    }
}
