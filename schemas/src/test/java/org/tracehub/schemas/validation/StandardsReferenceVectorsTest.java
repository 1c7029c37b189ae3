package org.tracehub.schemas.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tracehub.schemas.validation.ValidationResult.Status;

/**
 * Every identifier that ../shared/STANDARDS.md lists, in one place, with the classification that
 * document gives it: 100% agreement.
 */
class StandardsReferenceVectorsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T02:00:00Z"), ZoneId.of("Asia/Shanghai"));

    @ParameterizedTest(name = "{0} {1} → {2} {3}")
    @CsvSource({
            // unified social credit codes (GB 32100)
            "USCC,     91310000631696382C,   VALID,   ",
            "USCC,     91310112087994932F,   VALID,   ",
            "USCC,     91310115MA1K3BTP2B,   VALID,   ",
            "USCC,     913101127033980359,   VALID,   ",
            "USCC,     91310116052958608G,   VALID,   ",
            "USCC,     91310110666007217T,   VALID,   ",
            "USCC,     91310115591693856A,   VALID,   ",
            "USCC,     91110000600037341L,   VALID,   ",
            "USCC,     121200004013590816,   VALID,   ",
            "USCC,     91620105L015101280,   VALID,   ",
            "USCC,     91350100M0001TGQXM,   WARNING, USCC_CHECK_DIGIT",   // early pilot code failing its own check
            "USCC,     91110000600037341N,   WARNING, USCC_CHECK_DIGIT",   // invalid (check): a warning, not a rejection
            "USCC,     9111000060003IOZSV,   ERROR,   USCC_CHARACTER",     // invalid (alphabet): an error
            // GTIN (GS1 mod 10)
            "GTIN,     4006381333931,        VALID,   ",
            "GTIN,     7501031311309,        VALID,   ",
            "GTIN,     9501101531000,        VALID,   ",
            "GTIN,     6901234567892,        VALID,   ",
            "GTIN,     7501031311308,        ERROR,   GTIN_CHECK_DIGIT",
            // GB/T 2260
            "REGION,   310101,               VALID,   ",
            "REGION,   310115,               VALID,   ",
            "REGION,   310000,               VALID,   ",
            // special equipment: the Shanghai registration code example
            "EQUIPMENT, 21603101012006010101, VALID,  ",
            // customs declaration example (export)
            "CUSTOMS,  020220080525641690,   VALID,   "
    })
    void classifiesEveryIdentifierOfTheStandardsReferenceAsItSays(String kind, String value, Status status, String code) {
        IdentifierValidator validator = switch (kind) {
            case "USCC" -> new UsccValidator();
            case "GTIN" -> new GtinValidator();
            case "REGION" -> RegionCodeValidator.instance();
            case "EQUIPMENT" -> new EquipmentCodeValidator(CLOCK);
            case "CUSTOMS" -> new CustomsDeclarationValidator(CLOCK);
            default -> throw new IllegalArgumentException(kind);
        };

        ValidationResult result = validator.validate(value);

        assertThat(result.status()).isEqualTo(status);
        assertThat(result.code()).isEqualTo(code);
        assertThat(result.value()).isEqualTo(value);
    }
}
