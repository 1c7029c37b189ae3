package org.tracehub.schemas.validation;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Citizen identity numbers (公民身份号码), GB 11643-1999: a six-digit region code, the holder's date of birth as
 * {@code yyyyMMdd}, a three-digit sequence and an ISO 7064 MOD 11-2 check symbol (0-9 or X). The residence permits of
 * Hong Kong, Macau and Taiwan residents (港澳台居民居住证) are numbered the same way with the address codes 810000, 820000
 * and 830000. The hub never stores one: it is recognised only to refuse it where a clerk typed a person's number in
 * place of a business's credit code, and masked where it appears in text that is shown or kept.
 */
public final class ResidentIdNumbers {

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

    /**
     * The provinces of GB/T 2260 (first two digits: 11-15, 21-23, 31-37, 41-46, 50-54, 61-65, 71, 81, 82) and the
     * residence permits' 83. A real list, not a range: credit codes start with 11-13 and 51-53 as well (a registering
     * department and a kind), and 91-93 (a business, a sole trader) must never look like a province.
     */
    private static final String PROVINCES = " 11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54"
            + " 61 62 63 64 65 71 81 82 83 ";
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    /**
     * True for 18 symbols shaped like a citizen identity number whatever its check symbol: 17 digits, a GB/T 2260
     * province, a real date of birth from 1900 to today, and a digit or X last. One such value that fails the credit
     * code's checks is a person's number with a typing slip (a wrong last digit), still the person's: as a check-digit
     * warning it would be stored and published beside the person's name.
     */
    public static boolean isShaped(String value) {
        return isShaped(value, LocalDate.now(CHINA));
    }

    static boolean isShaped(String value, LocalDate today) {
        if (value == null || value.length() != 18) {
            return false;
        }
        for (int i = 0; i < 17; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        char last = value.charAt(17);
        if (!(last >= '0' && last <= '9' || last == 'X' || last == 'x')
                || !PROVINCES.contains(" " + value.substring(0, 2) + " ")) {
            return false;
        }
        LocalDate born = birthDate(value);
        return born != null && !born.isAfter(today);
    }

    /**
     * The value with all but its first six and last four symbols starred ({@code 310115********1234}): the region and
     * the tail let a clerk find the number in the file, the date of birth and sequence are gone. A value of ten symbols
     * or fewer is starred whole.
     */
    public static String masked(String value) {
        String v = value.strip();
        return v.length() <= 10 ? "*".repeat(v.length()) : v.substring(0, 6) + "*".repeat(v.length() - 10) + v.substring(v.length() - 4);
    }

    private static LocalDate birthDate(String value) {
        int year = Integer.parseInt(value.substring(6, 10));
        if (year < 1900) {
            return null;
        }
        try {
            return LocalDate.of(year, Integer.parseInt(value.substring(10, 12)), Integer.parseInt(value.substring(12, 14)));
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static boolean bornOn(String value) {
        LocalDate born = birthDate(value);
        return born != null && born.getYear() <= 2099;
    }
}
