package org.tracehub.schemas.event;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.tracehub.schemas.standard.v1.Category;
import org.tracehub.schemas.standard.v1.Step;
import org.tracehub.schemas.standard.v1.TraceEvent;

/**
 * The required-field table of the standard: what every event needs, and what a category needs at
 * a step. {@link EventRules} applies it, and the README's table is generated from it (a test fails
 * when the two differ), so the documented and the enforced rules cannot drift apart.
 * <p>
 * Changing this table changes which rows are rejected: adding a requirement to an existing
 * category and step is a change of meaning (version 2 of the standard, or an agreed exception).
 */
public final class RequiredFields {

    private static final String AQ = StandardFields.CERTIFICATES_PREFIX + "ANIMAL_QUARANTINE";
    private static final String MQ = StandardFields.CERTIFICATES_PREFIX + "MEAT_QUALITY";

    /** Every event, whatever its category and step. */
    private static final List<Requirement> ALWAYS = List.of(
            Requirement.of("traceCode"),
            Requirement.of("time"),
            // a clerk's export may know the operator by name only; the code is checked when present
            Requirement.of("operator.uscc", "operator.name"));

    /**
     * A lot found positive at slaughter (瘦肉精 and the like) is detained and destroyed: no animal-product quarantine
     * or meat-quality certificate is ever issued for it, and its inspection record — the positive result above all —
     * must still reach the platform.
     */
    static final Requirement.Exemption DETAINED_LOT = new Requirement.Exemption(
            "not for a lot found positive (`extension.meat.positiveCount` > 0): it is detained and gets no certificate",
            RequiredFields::foundPositive);

    private static final Map<Category, Map<Step, List<Requirement>>> TABLE = build();

    private RequiredFields() {
    }

    /** What every event needs. */
    public static List<Requirement> always() {
        return ALWAYS;
    }

    /** What an event of this category at this step needs besides {@link #always()}. */
    public static List<Requirement> specific(Category category, Step step) {
        if (category == null || step == null) {
            return List.of();
        }
        return TABLE.getOrDefault(category, Map.of()).getOrDefault(step, List.of());
    }

    /** Everything an event of this category at this step needs. */
    public static List<Requirement> of(Category category, Step step) {
        List<Requirement> all = new ArrayList<>(ALWAYS);
        all.addAll(specific(category, step));
        return all;
    }

    /** The category- and step-specific part of the table, in enum order. */
    public static Map<Category, Map<Step, List<Requirement>>> table() {
        return TABLE;
    }

    private static Map<Category, Map<Step, List<Requirement>>> build() {
        Map<Category, Map<Step, List<Requirement>>> table = new EnumMap<>(Category.class);
        // meat: a lot moves under its animal-product quarantine or meat-quality certificate (at least one)
        for (Step step : List.of(Step.WHOLESALE, Step.MARKET_ENTRY, Step.RETAIL_ENTRY, Step.SHIP)) {
            put(table, Category.MEAT, step, Requirement.of(AQ, MQ));
        }
        // slaughter also records the live animals' origin quarantine certificate: the link to the farm
        put(table, Category.MEAT, Step.SLAUGHTER, Requirement.of(AQ, MQ).unless(DETAINED_LOT),
                Requirement.of(StandardFields.CERTIFICATES_PREFIX + "ORIGIN_QUARANTINE"));
        // vegetables: one origin certificate or market-entry voucher makes one batch on entry
        for (Step step : List.of(Step.MARKET_ENTRY, Step.RETAIL_ENTRY)) {
            put(table, Category.VEGETABLE, step, Requirement.of(StandardFields.CERTIFICATES_PREFIX + "ORIGIN",
                    StandardFields.CERTIFICATES_PREFIX + "MARKET_ENTRY_VOUCHER"));
        }
        put(table, Category.VEGETABLE, Step.TEST, Requirement.of("extension.vegetable.pesticideTestResult"));
        // dairy: raw milk is collected only by a licensed station; imports need their declaration
        put(table, Category.DAIRY, Step.COLLECT, Requirement.of("extension.dairy.stationLicence"), Requirement.of("quantity"));
        put(table, Category.DAIRY, Step.TEST, Requirement.of("extension.dairy.testResult"));
        put(table, Category.DAIRY, Step.IMPORT, Requirement.of("extension.dairy.customsDeclarationNo",
                StandardFields.CERTIFICATES_PREFIX + "CUSTOMS_DECLARATION"));
        // elevators: which elevator, and what was done or when it is due next
        String registration = "extension.elevator.registrationCode";
        String equipment = "extension.elevator.equipmentCode";
        put(table, Category.ELEVATOR, Step.MAINTAIN, Requirement.of(registration, equipment),
                Requirement.of("extension.elevator.maintenanceType"));
        put(table, Category.ELEVATOR, Step.INSPECT, Requirement.of(registration, equipment),
                Requirement.of("extension.elevator.nextInspectionDate"));
        // gas cylinders: which cylinder, with what, how much; an inspection sets the next due date
        put(table, Category.GAS_CYLINDER, Step.FILL, Requirement.of("extension.gasCylinder.cylinderCode"),
                Requirement.of("extension.gasCylinder.medium"), Requirement.of("quantity"));
        put(table, Category.GAS_CYLINDER, Step.INSPECT, Requirement.of("extension.gasCylinder.cylinderCode"),
                Requirement.of("extension.gasCylinder.nextInspectionDate"));
        table.replaceAll((category, steps) -> Collections.unmodifiableMap(steps));
        return Collections.unmodifiableMap(table);
    }

    private static boolean foundPositive(TraceEvent event) {
        return event.getExtension() != null && event.getExtension().getMeat() != null
                && event.getExtension().getMeat().getPositiveCount() != null
                && event.getExtension().getMeat().getPositiveCount().signum() > 0;
    }

    private static void put(Map<Category, Map<Step, List<Requirement>>> table, Category category, Step step,
            Requirement... requirements) {
        table.computeIfAbsent(category, c -> new EnumMap<>(Step.class)).put(step, List.of(requirements));
    }
}
