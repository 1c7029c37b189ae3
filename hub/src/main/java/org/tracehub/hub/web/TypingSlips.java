package org.tracehub.hub.web;

import java.util.ArrayList;
import java.util.List;

/**
 * What a consumer most often adds to a code by hand or by pasting it: punctuation after it (a chat app's link detection
 * takes the 。 or ， that ends the sentence into the link) and spaces or hyphens inside it (typed from a label that groups
 * its digits, {@code XJM-2611270009}). Only a hint of what may have been meant: the spellings are looked up only when
 * the code as typed is not found, and the codes they find are offered, never opened in its place.
 */
final class TypingSlips {

    /** Full-width forms are half-width already ({@link TraceCodes#cleaned}); these are the CJK ones left. */
    private static final String TRAILING = ".,;:!?'\")]}>。、，；：！？…—“”‘’）》」』】〉";
    /** Spaces and the hyphens and dashes an IME or a word processor puts in their place. */
    private static final String INNER = " -\u2010\u2011\u2012\u2013\u2014\u2212\u30FC";

    private TypingSlips() {
    }

    /**
     * The spellings to try, most likely first, each different from {@code code} and from one another: without trailing
     * punctuation, then also without inner spaces and hyphens (a code may itself have hyphens, {@code 96333-0417}).
     * Empty when there is nothing to take away.
     */
    static List<String> alternatives(String code) {
        List<String> spellings = new ArrayList<>(2);
        String trimmed = withoutTrailingPunctuation(code);
        add(spellings, code, trimmed);
        StringBuilder joined = new StringBuilder(trimmed.length());
        trimmed.chars().filter(c -> INNER.indexOf(c) < 0).forEach(c -> joined.append((char) c));
        add(spellings, code, joined.toString());
        return spellings;
    }

    private static String withoutTrailingPunctuation(String code) {
        int end = code.length();
        while (end > 0 && (TRAILING.indexOf(code.charAt(end - 1)) >= 0 || Character.isWhitespace(code.charAt(end - 1)))) {
            end--;
        }
        return code.substring(0, end);
    }

    private static void add(List<String> spellings, String code, String spelling) {
        if (!spelling.isEmpty() && !spelling.equals(code) && !spellings.contains(spelling) && TraceCodes.acceptable(spelling)) {
            spellings.add(spelling);
        }
    }
}
