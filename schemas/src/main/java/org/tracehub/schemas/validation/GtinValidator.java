package org.tracehub.schemas.validation;

import java.util.regex.Pattern;

/** GTIN-8/12/13/14 with the GS1 mod-10 check digit (GS1 General Specifications §7.9). */
public final class GtinValidator implements IdentifierValidator {

    private static final Pattern GTIN_DIGITS = Pattern.compile("\\d{8}|\\d{12,14}");

    @Override
    public ValidationResult validate(String value) {
        if (value == null || !GTIN_DIGITS.matcher(value).matches()) {
            return ValidationResult.error(ErrorCodes.GTIN_FORMAT, "商品条码（GTIN）应为8、12、13或14位数字", value);
        }
        int sum = 0;
        int weight = 3;
        for (int i = value.length() - 2; i >= 0; i--) {
            sum += (value.charAt(i) - '0') * weight;
            weight = 4 - weight;
        }
        int expected = (10 - sum % 10) % 10;
        if (value.charAt(value.length() - 1) - '0' != expected) {
            return ValidationResult.error(ErrorCodes.GTIN_CHECK_DIGIT, "商品条码（GTIN）校验位应为" + expected, value);
        }
        return ValidationResult.valid(value);
    }

    /**
     * The kind of number by its GS1 prefix, for a value of a valid GTIN length (8, 12, 13, 14 digits;
     * the check digit is not looked at). GTIN-12 and GTIN-14 are read as the GTIN-13 they contain.
     */
    public static GtinKind classify(String gtin) {
        if (gtin == null || !GTIN_DIGITS.matcher(gtin).matches()) {
            throw new IllegalArgumentException("not a GTIN-8/12/13/14: " + gtin);
        }
        if (gtin.length() == 8) {
            // RCN-8: GTIN-8 beginning with 0 or 2 are for in-store use
            char first = gtin.charAt(0);
            return first == '0' || first == '2' ? GtinKind.IN_STORE
                    : gtin.startsWith("69") ? GtinKind.GS1_CHINA : GtinKind.OTHER;
        }
        String gtin13 = switch (gtin.length()) {
            case 12 -> "0" + gtin;
            case 14 -> gtin.substring(1);
            default -> gtin;
        };
        int prefix = Integer.parseInt(gtin13.substring(0, 3));
        if (prefix >= 200 && prefix <= 299) {
            return GtinKind.IN_STORE;
        }
        if ((prefix >= 20 && prefix <= 29) || (prefix >= 40 && prefix <= 49)) {
            return GtinKind.RESTRICTED_CIRCULATION;
        }
        if ((prefix >= 690 && prefix <= 699) || prefix == 680 || prefix == 681) {
            return GtinKind.GS1_CHINA;
        }
        return GtinKind.OTHER;
    }

    /** In-store numbers (prefix 20-29 on a GTIN-13): weighed goods labelled by the shop itself. */
    public static boolean isInStoreNumber(String gtin13) {
        return gtin13 != null && gtin13.length() == 13 && gtin13.charAt(0) == '2';
    }
}
