package org.tracehub.mappings.read;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;

/**
 * The names that head more than one column of a header row. A reader looks a name up in its first column only, so
 * a file whose clerk added a corrected 数量 column beside the old one (or hid the old one) would be read from the
 * column the clerk no longer looks at; the engine refuses such a file when the spec reads the name.
 */
final class RepeatedColumns {

    private RepeatedColumns() {
    }

    /**
     * @param header the normalised names (null or empty for an unnamed column)
     * @param origin the column a position's name comes from: a spreadsheet's header cell merged across columns shows one
     *               name over all of them, which is one column's name and no repetition
     * @return each repeated name with its 1-based positions, in header order; empty when none repeats
     */
    static Map<String, List<Integer>> of(List<String> header, IntUnaryOperator origin) {
        Map<String, List<Integer>> positions = new LinkedHashMap<>();
        Map<String, List<Integer>> origins = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i);
            if (name == null || name.isEmpty()) {
                continue;
            }
            int from = origin.applyAsInt(i);
            List<Integer> seen = origins.computeIfAbsent(name, n -> new ArrayList<>());
            if (seen.contains(from)) {
                continue;
            }
            seen.add(from);
            positions.computeIfAbsent(name, n -> new ArrayList<>()).add(i + 1);
        }
        positions.values().removeIf(p -> p.size() < 2);
        return positions.isEmpty() ? Map.of() : Collections.unmodifiableMap(positions);
    }
}
