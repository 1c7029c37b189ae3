package org.tracehub.platform.sql;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Keys for {@code IN (:keys)} lists of a bounded length: a statement's parameters stay far below a driver's limits. */
public final class InLists {

    private InLists() {
    }

    /** {@code keys} in slices of at most {@code size}, in their order. */
    public static <T> List<List<T>> slices(Collection<T> keys, int size) {
        List<T> all = keys instanceof List<T> list ? list : new ArrayList<>(keys);
        List<List<T>> result = new ArrayList<>();
        for (int from = 0; from < all.size(); from += size) {
            result.add(all.subList(from, Math.min(all.size(), from + size)));
        }
        return result;
    }
}
