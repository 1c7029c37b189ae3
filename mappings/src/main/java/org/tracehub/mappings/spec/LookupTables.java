package org.tracehub.mappings.spec;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How a lookup table finds a legacy value: as typed, else ignoring case ({@code lpg} for {@code LPG}), unless the table
 * has keys that differ only in case and mean different things. One rule for the engine, which looks up a row's cell or
 * a field's constant, and the spec loader, which checks the constant before any row is read: a constant the engine would
 * find must not be refused at load, nor one it would not find be accepted.
 */
public final class LookupTables {

    private LookupTables() {
    }

    /**
     * A table a code-list field reads, its values as the codes they stand for ({@code 零售: retail-market} →
     * {@code RETAIL_MARKET}): the spec writes codes as the operator block does ({@link CodeListValues}); a value that
     * names no code is kept as written (the loader refuses it).
     */
    public static Map<String, String> codeNames(Map<String, String> table, Class<? extends Enum<?>> type) {
        Map<String, String> names = new HashMap<>();
        table.forEach((legacy, standard) -> {
            String name = CodeListValues.name(type, standard);
            names.put(legacy, name == null ? standard : name);
        });
        return Map.copyOf(names);
    }

    /** The table by its keys in upper case; keys that differ only in case and mean different things are left out. */
    public static Map<String, String> ignoringCase(Map<String, String> table) {
        Map<String, String> folded = new HashMap<>();
        Set<String> ambiguous = new HashSet<>();
        table.forEach((legacy, standard) -> {
            String key = legacy.toUpperCase(Locale.ROOT);
            String before = folded.putIfAbsent(key, standard);
            if (before != null && !before.equals(standard)) {
                ambiguous.add(key);
            }
        });
        folded.keySet().removeAll(ambiguous);
        return folded;
    }

    /**
     * The standard value of {@code text} in {@code table}: as typed, else in {@code ignoringCase} (the table's
     * {@link #ignoringCase}); null when the table lacks it.
     */
    public static String lookUp(Map<String, String> table, Map<String, String> ignoringCase, String text) {
        String value = table.get(text);
        return value != null ? value : ignoringCase.get(text.toUpperCase(Locale.ROOT));
    }
}
