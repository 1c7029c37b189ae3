package org.tracehub.platform.trace;

import java.util.regex.Pattern;

/**
 * Masks phone numbers in free text before it is shown publicly. Legacy systems put whatever a
 * clerk typed into name fields ("王记猪肉 13812345678"); a business name is public, a mobile or
 * landline number next to it is not.
 */
public final class PersonalDataMask {

    /** Mainland mobile numbers (optionally +86/86), and landlines with area code (010-12345678, 021 6123 4567). */
    private static final Pattern PHONE = Pattern.compile(
            "(?<!\\d)(?:(?:\\+?86[- ]?)?1[3-9]\\d[- ]?\\d{4}[- ]?\\d{4}|0\\d{2,3}[- ]?\\d{3,4}[- ]?\\d{4})(?!\\d)");

    public static final String MASK = "***";

    private PersonalDataMask() {
    }

    public static String mask(String text) {
        return text == null ? null : PHONE.matcher(text).replaceAll(MASK).strip();
    }
}
