package org.tracehub.platform.trace;

import java.util.Set;
import org.tracehub.schemas.standard.v1.Category;

/**
 * The categories whose trace code names one piece of equipment (a lift, a gas cylinder), reported by every maintainer
 * and filling station of it, rather than a lot of goods that passes from one business to the next.
 */
final class EquipmentCategories {

    private static final Set<String> NAMES = Set.of(Category.ELEVATOR.name(), Category.GAS_CYLINDER.name());

    private EquipmentCategories() {
    }

    /** @param category a category as the store keeps it ({@code ChainEvent.category}) */
    static boolean contains(String category) {
        return NAMES.contains(category);
    }

    static boolean contains(Category category) {
        return category != null && contains(category.name());
    }
}
