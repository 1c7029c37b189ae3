package org.tracehub.platform.trace;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tracehub.schemas.validation.ResidentIdNumbers;

/**
 * Masks phone and identity numbers in free text before it is shown publicly. Legacy systems put whatever a
 * clerk typed into name fields ("王记猪肉 13812345678", "张三 310115199001011234"); a business name is public, a
 * person's number next to it is not. Each is replaced whole by {@link #MASK}: a consumer needs no part of it.
 */
public final class PersonalDataMask {

    /** Mainland mobile numbers (optionally +86/86), and landlines with area code (010-12345678, 021 6123 4567). */
    private static final Pattern PHONE = Pattern.compile(
            "(?<!\\d)(?:(?:\\+?86[- ]?)?1[3-9]\\d[- ]?\\d{4}[- ]?\\d{4}|0\\d{2,3}[- ]?\\d{3,4}[- ]?\\d{4})(?!\\d)");

    /**
     * 18 symbols that may be a citizen identity number, not part of a longer code; {@link ResidentIdNumbers#isShaped}
     * decides (a province, a real date of birth), so a credit code or an 18-digit trace code is left alone.
     */
    private static final Pattern ID_CANDIDATE = Pattern.compile("(?<![0-9A-Za-z])\\d{17}[0-9Xx](?![0-9A-Za-z])");

    /** A local eight-digit landline after the word that announces it (电话58123456, TEL: 2345 6789 is no run). */
    private static final Pattern LABELLED_LANDLINE = Pattern.compile("(?i)(电话|座机|TEL)([:：]?\\s*)\\d{8}(?!\\d)");

    /**
     * A local eight-digit landline standing alone. Local numbers start with 2-8; a leading 2 is left to the labelled
     * form, since 20261127 is a date. Runs joined to a decimal point, a slash, a dash or a letter are parts of codes or
     * quantities, and a number followed by a unit is a quantity.
     */
    private static final Pattern LONE_LANDLINE = Pattern.compile(
            "(?<![0-9A-Za-z.,/:\\-])[3-8]\\d{7}(?![0-9A-Za-z.,/\\-%])(?!\\s*(?:千克|公斤|克|斤|吨|个|只|头|箱|件|瓶|袋|包|盒|升|毫升|元|株|枚|份))");

    public static final String MASK = "***";

    private PersonalDataMask() {
    }

    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        String masked = maskIdNumbers(text);
        masked = PHONE.matcher(masked).replaceAll(MASK);
        masked = LABELLED_LANDLINE.matcher(masked).replaceAll("$1$2" + MASK);
        return LONE_LANDLINE.matcher(masked).replaceAll(MASK).strip();
    }

    private static String maskIdNumbers(String text) {
        Matcher m = ID_CANDIDATE.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        do {
            m.appendReplacement(out, ResidentIdNumbers.isShaped(m.group()) ? MASK : m.group());
        } while (m.find());
        return m.appendTail(out).toString();
    }
}
