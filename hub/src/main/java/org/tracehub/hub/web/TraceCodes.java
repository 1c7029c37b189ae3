package org.tracehub.hub.web;

/** What a trace code in a public URL may be: the standard's code (1–64 characters), without control characters. */
final class TraceCodes {

    static final int MAX_LENGTH = 64;

    private TraceCodes() {
    }

    static boolean acceptable(String code) {
        return code != null && !code.isBlank() && code.length() <= MAX_LENGTH && code.chars().noneMatch(Character::isISOControl);
    }

    /** A code as it may be echoed back on a page: cut to the maximum length. */
    static String shown(String code) {
        return code == null ? "" : code.length() <= MAX_LENGTH ? code : code.substring(0, MAX_LENGTH) + "…";
    }
}
