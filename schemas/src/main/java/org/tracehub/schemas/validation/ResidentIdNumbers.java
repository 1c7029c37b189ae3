package org.tracehub.schemas.validation;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * Citizen identity numbers (公民身份号码), GB 11643-1999: a six-digit region code, the holder's date of birth as
 * {@code yyyyMMdd}, a three-digit sequence and an ISO 7064 MOD 11-2 check symbol (0-9 or X). The residence permits of
 * Hong Kong, Macau and Taiwan residents (港澳台居民居住证) are numbered the same way with the address codes 810000, 820000
 * and 830000. The hub never stores one: it is recognised only to refuse it where a clerk typed a person's number in
 * place of a business's credit code.
 */
final class ResidentIdNumbers {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK = "10X98765432";

    private ResidentIdNumbers() {
    }

    /** Province codes 11 (北京) … 83 (the Taiwan residents' permits; 81 and 82 are Hong Kong's and Macau's). */
    private static final int FIRST_PROVINCE = 11;
    private static final int LAST_PROVINCE = 83;

    /**
     * True for an 18-symbol number with a province, a real date of birth since 1900 and a right check symbol. The check
     * symbol X may be typed in lower case: card readers and clerks write both, and the number is a person's either way.
     */
    static boolean isValid(String value) {
        if (value == null || value.length() != 18) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            sum += (c - '0') * WEIGHTS[i];
        }
        int province = Integer.parseInt(value.substring(0, 2));
        return province >= FIRST_PROVINCE && province <= LAST_PROVINCE && bornOn(value)
                && Character.toUpperCase(value.charAt(17)) == CHECK.charAt(sum % 11);
    }

    private static boolean bornOn(String value) {
        int year = Integer.parseInt(value.substring(6, 10));
        if (year < 1900 || year > 2099) {
            return false;
        }
        try {
            LocalDate.of(year, Integer.parseInt(value.substring(10, 12)), Integer.parseInt(value.substring(12, 14)));
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }
}
