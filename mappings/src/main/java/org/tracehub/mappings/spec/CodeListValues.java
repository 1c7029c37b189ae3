package org.tracehub.mappings.spec;

import java.util.Locale;
import org.tracehub.mappings.read.TextNormalizer;

/**
 * How a spec writes a code of a code list (a {@code nodeType}, a test result, a category): case-insensitively, with
 * {@code -} standing for {@code _}, cleaned as a cell is ({@code equipment-user} = {@code EQUIPMENT_USER}). One rule
 * for the operator block, the fields' constants and defaults, and the values of lookup tables that code-list fields
 * read; a row's cell (data, not the spec) is still taken as the code it exactly is.
 */
public final class CodeListValues {

    private CodeListValues() {
    }

    /** The name of the code {@code text} stands for in {@code type}, or null when it names none. */
    public static String name(Class<? extends Enum<?>> type, String text) {
        String cleaned = TextNormalizer.normalize(text);
        if (cleaned == null || cleaned.isEmpty()) {
            return null;
        }
        String candidate = cleaned.toUpperCase(Locale.ROOT).replace('-', '_');
        for (Enum<?> constant : type.getEnumConstants()) {
            if (constant.name().equals(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
