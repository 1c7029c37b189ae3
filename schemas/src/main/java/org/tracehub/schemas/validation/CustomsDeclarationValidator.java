package org.tracehub.schemas.validation;

import java.time.Clock;
import java.time.Year;
import java.util.regex.Pattern;

/**
 * Customs declaration numbers (报关单号): 18 digits = customs district (4) + year (4) + import/export
 * flag (1: {@code 1} import, {@code 0} export) + sequence (9). No check digit, so the checks are
 * the structure and a plausible year (1980 … this year).
 */
public final class CustomsDeclarationValidator implements IdentifierValidator {

    private static final Pattern EIGHTEEN_DIGITS = Pattern.compile("\\d{18}");

    static final int FIRST_YEAR = 1980;

    private final Clock clock;

    public CustomsDeclarationValidator(Clock clock) {
        this.clock = clock;
    }

    @Override
    public ValidationResult validate(String value) {
        if (value == null || !EIGHTEEN_DIGITS.matcher(value).matches()) {
            return ValidationResult.error(ErrorCodes.CUSTOMS_DECLARATION_FORMAT,
                    "报关单号应为18位数字，实际为“" + (value == null ? "" : value) + "”", value);
        }
        char flag = value.charAt(8);
        if (flag != '0' && flag != '1') {
            return ValidationResult.error(ErrorCodes.CUSTOMS_DECLARATION_FORMAT,
                    "报关单号第9位是进出口标志，应为1（进口）或0（出口），实际为“" + flag + "”", value);
        }
        int year = Integer.parseInt(value.substring(4, 8));
        int thisYear = Year.now(clock).getValue();
        if (year < FIRST_YEAR || year > thisYear) {
            return ValidationResult.error(ErrorCodes.CUSTOMS_DECLARATION_DATE,
                    "报关单号第5-8位（年份" + year + "）应在" + FIRST_YEAR + "年至" + thisYear + "年之间", value);
        }
        return ValidationResult.valid(value);
    }

    /** Whether an 18-digit number declares an import (flag {@code 1} at position 9). */
    public static boolean isImport(String value) {
        return value != null && EIGHTEEN_DIGITS.matcher(value).matches() && value.charAt(8) == '1';
    }

    /** Whether an 18-digit number declares an export (flag {@code 0} at position 9). */
    public static boolean isExport(String value) {
        return value != null && EIGHTEEN_DIGITS.matcher(value).matches() && value.charAt(8) == '0';
    }
}
