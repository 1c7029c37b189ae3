package org.tracehub.schemas.validation;

import java.util.Arrays;

/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015: 18 symbols from a 31-symbol alphabet,
 * positions 3-8 the registering authority's GB/T 2260 region (digits; not looked up, since a code
 * keeps the region it was issued in), positions 9-17 an organisation code with its own GB 11714
 * check, position 18 a mod-31 check.
 * A wrong check digit is only a warning: some early pilot codes fail their own check. A value that fails them and is
 * a citizen identity number (GB 11643) is an error: a person's number typed where a business's code belongs.
 */
public final class UsccValidator implements IdentifierValidator {

    static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    private static final String ORG_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final int[] ORG_WEIGHTS = {3, 7, 9, 10, 5, 8, 4, 2};
    /** Symbol → value in {@link #ALPHABET}, -1 for symbols outside it (a table: every row has two or three codes). */
    private static final int[] VALUE = values(ALPHABET);
    private static final int[] ORG_VALUE = values(ORG_ALPHABET);

    private static int[] values(String alphabet) {
        int[] values = new int[128];
        Arrays.fill(values, -1);
        for (int i = 0; i < alphabet.length(); i++) {
            values[alphabet.charAt(i)] = i;
        }
        return values;
    }

    @Override
    public ValidationResult validate(String value) {
        if (value == null || value.length() != 18) {
            return ValidationResult.error(ErrorCodes.USCC_LENGTH,
                    "统一社会信用代码应为18位，实际为" + (value == null ? 0 : value.length()) + "位", value);
        }
        for (int i = 0; i < 18; i++) {
            char symbol = value.charAt(i);
            if ((symbol < VALUE.length ? VALUE[symbol] : -1) < 0) {
                if (ResidentIdNumbers.isValid(value)) {
                    // an identity number ending in a lower-case x: a person's number all the same, not a typing slip
                    return personalId(value, "");
                }
                return ValidationResult.error(ErrorCodes.USCC_CHARACTER,
                        "统一社会信用代码第" + (i + 1) + "位“" + value.charAt(i) + "”不是允许的字符（不含I、O、S、V、Z及小写字母）", value);
            }
        }
        for (int i = 2; i < 8; i++) {
            if (!Character.isDigit(value.charAt(i))) {
                return ValidationResult.error(ErrorCodes.USCC_CHARACTER,
                        "统一社会信用代码第" + (i + 1) + "位“" + value.charAt(i) + "”应为数字（第3-8位是登记管理机关行政区划码）", value);
            }
        }
        char expected = checkSymbol(value);
        boolean checksHold = value.charAt(17) == expected && organisationCodeValid(value, 8);
        if (!checksHold && ResidentIdNumbers.isValid(value)) {
            // a person's number where a business's code belongs (a stall holder, a farmer, a household): as a mere
            // check-digit warning it would be stored and shown on the public page beside the person's name
            return personalId(value, "");
        }
        if (!checksHold && ResidentIdNumbers.isShaped(value)) {
            // the same number with a typing slip in its last digit is still the person's
            return personalId(value, "（其校验位有误）");
        }
        if (value.charAt(17) != expected) {
            return ValidationResult.warning(ErrorCodes.USCC_CHECK_DIGIT,
                    "统一社会信用代码校验位应为“" + expected + "”，请核对（早期试点代码可能如此）", value);
        }
        if (!organisationCodeValid(value, 8)) {
            return ValidationResult.warning(ErrorCodes.USCC_ORG_CODE_CHECK,
                    "统一社会信用代码中的组织机构代码（第9-17位）校验不符，请核对", value);
        }
        return ValidationResult.valid(value);
    }

    private static ValidationResult personalId(String value, String note) {
        return ValidationResult.error(ErrorCodes.USCC_IS_PERSONAL_ID,
                "该值是公民身份号码" + note + "，不是统一社会信用代码：个人的身份证号不能作为经营者或单位的代码上报。"
                        + "个体工商户请填写营业执照上的统一社会信用代码（92开头），没有的请不要填写身份证号", value);
    }

    /**
     * A citizen identity number (GB 11643), with its check symbol right or mistyped, that is no credit code passing both
     * its checks: a person's number where a business's code belongs, which {@link #validate} refuses and the mapping
     * drops from a counterparty.
     */
    public static boolean isPersonalId(String value) {
        // an identity number's first 17 symbols are digits, all in the credit code's alphabet; a lower-case x at the
        // end is outside it, so such a value never passes the credit code's checks
        return (ResidentIdNumbers.isValid(value) || ResidentIdNumbers.isShaped(value))
                && !(value.charAt(17) == checkSymbol(value) && organisationCodeValid(value, 8));
    }

    /** GB 32100's check symbol of 18 symbols of the alphabet: (31 − Σ value·weight mod 31) mod 31 over the first 17. */
    private static char checkSymbol(String value) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += VALUE[value.charAt(i)] * WEIGHTS[i];
        }
        return ALPHABET.charAt((31 - sum % 31) % 31);
    }

    /** GB 11714: 8 body symbols weighted 3 7 9 10 5 8 4 2, check = 11 - sum mod 11 (10 → X, 11 → 0). */
    static boolean organisationCodeValid(String code) {
        return organisationCodeValid(code, 0);
    }

    /** The same for the nine symbols of {@code text} from {@code start} on (no substring per row). */
    private static boolean organisationCodeValid(String text, int start) {
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            char symbol = text.charAt(start + i);
            int v = symbol < ORG_VALUE.length ? ORG_VALUE[symbol] : -1;
            if (v < 0) {
                return false;
            }
            sum += v * ORG_WEIGHTS[i];
        }
        int c = 11 - sum % 11;
        char expected = c == 10 ? 'X' : c == 11 ? '0' : (char) ('0' + c);
        return text.charAt(start + 8) == expected;
    }
}
