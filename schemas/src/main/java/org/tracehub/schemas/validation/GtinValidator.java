package org.tracehub.schemas.validation;

/** GTIN-8/12/13/14 with the GS1 mod-10 check digit (GS1 General Specifications §7.9). */
public final class GtinValidator implements IdentifierValidator {

    @Override
    public ValidationResult validate(String value) {
        if (value == null || !value.matches("\\d{8}|\\d{12,14}")) {
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

    /** In-store numbers (prefix 20-29 on a GTIN-13): weighed goods labelled by the shop itself. */
    public static boolean isInStoreNumber(String gtin13) {
        return gtin13 != null && gtin13.length() == 13 && gtin13.charAt(0) == '2';
    }
}
