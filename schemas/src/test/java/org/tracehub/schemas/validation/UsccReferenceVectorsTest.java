package org.tracehub.schemas.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tracehub.schemas.validation.ValidationResult.Status;

/**
 * Agreement with an independent list: the 383 real credit codes that python-stdnum's tests declare
 * valid (test resource {@code vectors/uscc-python-stdnum.txt}, source and licence in its header).
 */
class UsccReferenceVectorsTest {

    private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private final UsccValidator validator = new UsccValidator();

    @Test
    void readsTheWholePublishedList() throws IOException {
        List<String> codes = codes();

        assertThat(codes).hasSize(383).doesNotHaveDuplicates().allMatch(c -> c.length() == 18);
        assertThat(codes).contains("91110000600037341L", "121200004013590816", "92340621MA2UK3PJXE");
    }

    @Test
    void agreesOnEveryCodeTheListCallsValid() throws IOException {
        List<String> disagreements = new ArrayList<>();
        for (String code : codes()) {
            ValidationResult result = validator.validate(code);
            if (result.status() != Status.VALID) {
                disagreements.add(code + " → " + result.code());
            }
        }

        assertThat(disagreements).as("codes python-stdnum calls valid and we do not").isEmpty();
    }

    @Test
    void findsNoSingleCharacterMutationOfAnyListedCodeValid() throws IOException {
        int mutants = 0;
        List<String> accepted = new ArrayList<>();
        for (String code : codes()) {
            for (int i = 0; i < code.length(); i++) {
                for (char c : (ALPHABET + "IOSVZ").toCharArray()) {
                    if (c == code.charAt(i)) {
                        continue;
                    }
                    String mutant = code.substring(0, i) + c + code.substring(i + 1);
                    mutants++;
                    if (validator.validate(mutant).status() == Status.VALID) {
                        accepted.add(mutant + " (from " + code + ")");
                    }
                }
            }
        }

        assertThat(mutants).isEqualTo(383 * 18 * 35);
        assertThat(accepted).isEmpty();
    }

    @Test
    void reportsAMutatedCheckDigitAsWarningAndAForeignSymbolAsError() throws IOException {
        for (String code : codes()) {
            char check = code.charAt(17);
            char other = ALPHABET.charAt((ALPHABET.indexOf(check) + 1) % ALPHABET.length());
            assertThat(validator.validate(code.substring(0, 17) + other).code()).as(code).isEqualTo(ErrorCodes.USCC_CHECK_DIGIT);
            assertThat(validator.validate(code.substring(0, 17) + "Z").code()).as(code).isEqualTo(ErrorCodes.USCC_CHARACTER);
        }
    }

    static List<String> codes() throws IOException {
        try (InputStream in = UsccReferenceVectorsTest.class.getResourceAsStream("/vectors/uscc-python-stdnum.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .toList();
        }
    }
}
