package org.tracehub.schemas.event;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.tracehub.schemas.code.CodeLists;
import org.tracehub.schemas.standard.v1.Category;
import org.tracehub.schemas.standard.v1.Extension;
import org.tracehub.schemas.standard.v1.Quantity;
import org.tracehub.schemas.standard.v1.Step;
import org.tracehub.schemas.standard.v1.TraceEvent;
import org.tracehub.schemas.unit.StandardUnit;
import org.tracehub.schemas.validation.CustomsDeclarationValidator;
import org.tracehub.schemas.validation.EquipmentCodeValidator;
import org.tracehub.schemas.validation.ErrorCodes;
import org.tracehub.schemas.validation.Finding;
import org.tracehub.schemas.validation.GtinValidator;
import org.tracehub.schemas.validation.IdentifierValidator;
import org.tracehub.schemas.validation.RegionCodeValidator;
import org.tracehub.schemas.validation.TraceCodeValidator;
import org.tracehub.schemas.validation.UsccValidator;
import org.tracehub.schemas.validation.ValidationResult;

/**
 * The standard's rules for one assembled event: required fields per category and step
 * ({@link RequiredFields}), identifiers by their published algorithms ({@link #CHECKED_BY}), and
 * plausibility (no future times, positive and plausible quantities in a standard unit; a warning for a
 * self-referencing input, which {@link #dropSelfInputs} removes, and for an extension block of another category).
 */
public final class EventRules {

    /** Clock skew between legacy systems and the hub that is still believed. */
    public static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(10);

    /**
     * The zone a date of the standard (an {@code xs:date} without zone) is a day of: Shanghai's, where legacy wall-clock
     * dates are read in, whatever zone the hub's clock runs in.
     */
    public static final ZoneId DATE_ZONE = ZoneId.of("Asia/Shanghai");

    /**
     * Dates and times of things that have happened besides the event's {@code time}: production, tests, the handover
     * note's departure and arrival, a delivery. One in the future is a typing mistake shown on the public page (a
     * production date of 2027 on milk powder), yet the event itself is sound: a warning. {@code nextInspectionDate} is
     * meant to lie ahead and is not here.
     */
    private static final List<String> PAST_DATES = List.of("extension.meat.testDate", "extension.vegetable.testDate",
            "extension.dairy.productionDate", "extension.dairy.departureTime", "extension.dairy.arrivalTime",
            "extension.dairy.deliveryDate");

    /**
     * The units a quantity is recorded in at a step, where STANDARDS.md states them: raw milk collected by weight (it
     * says tonnes; a station's kilograms are the same dimension), a cylinder filling in kg or L.
     */
    private static final Map<Category, Map<Step, Set<StandardUnit>>> UNITS_OF_STEP = Map.of(
            Category.DAIRY, Map.of(Step.COLLECT, Set.of(StandardUnit.TNE, StandardUnit.KGM)),
            Category.GAS_CYLINDER, Map.of(Step.FILL, Set.of(StandardUnit.KGM, StandardUnit.LTR)));

    /** The codes a quantity may carry, for the message that refuses another: a unit added to the list is named in it. */
    private static final String UNIT_CODES = String.join("、", Arrays.stream(StandardUnit.values()).map(Enum::name).toList());

    /** Which identifier validator checks which field whenever the field has a value. */
    public static final Map<String, Class<? extends IdentifierValidator>> CHECKED_BY = checkedBy();

    /** Plausibility rules beyond identifiers, by the field they report on (the README lists them). */
    public static final Map<String, String> PLAUSIBILITY = plausibility();

    /** The required-field table's paths, resolved once (keyed by the table's own instances). */
    private static final Map<Requirement, FieldAccessor[]> REQUIRED = requiredAccessors();
    private static final List<FieldAccessor> IMPORT_DECLARATIONS = List.of(
            StandardFields.accessor("extension.dairy.customsDeclarationNo"),
            StandardFields.accessor(StandardFields.CERTIFICATES_PREFIX + "CUSTOMS_DECLARATION"));

    private final Clock clock;
    /** The GB/T 2260 table origins and equipment registration districts are checked against (the deployment's extra codes). */
    private final RegionCodeValidator regions;
    private final Map<Class<? extends IdentifierValidator>, IdentifierValidator> validators;
    /** {@link #CHECKED_BY} resolved once: the field's accessor and its validator, in table order. */
    private final List<IdentifierCheck> identifierChecks;
    private final TraceCodeValidator inputCodes = TraceCodeValidator.opaque();
    private final List<FieldAccessor> pastDates = PAST_DATES.stream().map(StandardFields::accessor).toList();

    private record IdentifierCheck(String field, FieldAccessor accessor, IdentifierValidator validator) {
    }

    /** Rules with opaque trace codes. */
    public EventRules(Clock clock) {
        this(clock, TraceCodeValidator.opaque());
    }

    /** Rules whose trace codes must also match a source's own pattern. */
    public EventRules(Clock clock, TraceCodeValidator traceCodes) {
        this(clock, traceCodes, RegionCodeValidator.instance());
    }

    /**
     * Rules whose region codes are checked against {@code regions}: the shipped table with the codes a deployment added
     * before a release carries them ({@link RegionCodeValidator#withExtraCodes}).
     */
    public EventRules(Clock clock, TraceCodeValidator traceCodes, RegionCodeValidator regions) {
        this.clock = clock;
        this.regions = regions;
        Map<Class<? extends IdentifierValidator>, IdentifierValidator> v = new LinkedHashMap<>();
        v.put(TraceCodeValidator.class, traceCodes);
        v.put(UsccValidator.class, new UsccValidator());
        v.put(GtinValidator.class, new GtinValidator());
        v.put(RegionCodeValidator.class, regions);
        v.put(EquipmentCodeValidator.class, new EquipmentCodeValidator(clock, regions));
        v.put(CustomsDeclarationValidator.class, new CustomsDeclarationValidator(clock));
        this.validators = Collections.unmodifiableMap(v);
        List<IdentifierCheck> checks = new ArrayList<>();
        for (Map.Entry<String, Class<? extends IdentifierValidator>> check : CHECKED_BY.entrySet()) {
            checks.add(new IdentifierCheck(check.getKey(), StandardFields.accessor(check.getKey()), validators.get(check.getValue())));
        }
        this.identifierChecks = List.copyOf(checks);
    }

    /**
     * These rules with another trace-code validator, for one source's agreed pattern ({@code traceCodePattern}): the
     * event's own code is checked by it, its inputs — other sources' codes — stay opaque.
     */
    public EventRules withTraceCodes(TraceCodeValidator traceCodes) {
        return new EventRules(clock, traceCodes, regions);
    }

    /** The clock "now" is read from: the mapping's plausible dates end a few years after it. */
    public Clock clock() {
        return clock;
    }

    public List<Finding> check(TraceEvent event) {
        List<Finding> findings = new ArrayList<>();
        for (Requirement requirement : RequiredFields.always()) {
            requireOne(findings, event, requirement);
        }
        // compared as instants (what OffsetDateTime.isAfter compares), without resolving the clock's zone for every row
        if (event.getTime() != null && event.getTime().toInstant().isAfter(clock.instant().plus(FUTURE_TOLERANCE))) {
            findings.add(Finding.error("time", ErrorCodes.TIME_IN_FUTURE, "时间晚于当前时间，请核对", event.getTime().toString()));
        }
        for (IdentifierCheck check : identifierChecks) {
            Object value = check.accessor().get(event);
            if (FieldAccessor.present(value)) {
                // as of the event: a region code retired since was current when the event happened
                add(findings, check.field(), check.validator().validate(value.toString(), event.getTime()));
            }
        }
        checkPastDates(findings, event);
        checkQuantity(findings, event.getQuantity());
        checkUnitOfStep(findings, event);
        checkInputs(findings, event);
        checkExtension(findings, event);
        checkImportDeclaration(findings, event);
        for (Requirement requirement : RequiredFields.specific(event.getCategory(), event.getStep())) {
            requireOne(findings, event, requirement);
        }
        return findings;
    }

    /**
     * What the identifier validator of {@code field} ({@link #CHECKED_BY}) says of one value: an error or a warning
     * finding, or null when the value passes or no validator checks the field. A mapping spec's constants are checked
     * with it when the spec is loaded, since every row would carry them.
     */
    public Finding checkIdentifier(String field, String value) {
        for (IdentifierCheck check : identifierChecks) {
            if (check.field().equals(field)) {
                return check.validator().validate(value).toFinding(field);
            }
        }
        return null;
    }

    private static void requireOne(List<Finding> findings, TraceEvent event, Requirement requirement) {
        if (requirement.exempts(event)) {
            return;
        }
        FieldAccessor[] anyOf = REQUIRED.get(requirement);
        if (anyOf == null) {
            anyOf = accessors(requirement);
        }
        for (FieldAccessor path : anyOf) {
            if (path.isPresent(event)) {
                return;
            }
        }
        findings.add(Finding.error(requirement.field(), requirement.code(), requirement.message(), null));
    }

    private static Map<Requirement, FieldAccessor[]> requiredAccessors() {
        Map<Requirement, FieldAccessor[]> m = new IdentityHashMap<>();
        for (Requirement r : RequiredFields.always()) {
            m.put(r, accessors(r));
        }
        for (Map<Step, List<Requirement>> steps : RequiredFields.table().values()) {
            for (List<Requirement> requirements : steps.values()) {
                for (Requirement r : requirements) {
                    m.put(r, accessors(r));
                }
            }
        }
        return Collections.unmodifiableMap(m);
    }

    private static FieldAccessor[] accessors(Requirement requirement) {
        return requirement.anyOf().stream().map(StandardFields::accessor).toArray(FieldAccessor[]::new);
    }

    /**
     * A date later than today (in Shanghai) or a time later than now, with the tolerance of {@code time}: a date is in
     * the future when its first moment lies beyond now + {@link #FUTURE_TOLERANCE}, so at 23:55 tomorrow's date passes.
     */
    private void checkPastDates(List<Finding> findings, TraceEvent event) {
        if (event.getExtension() == null) {
            return;
        }
        Instant latest = null;
        for (FieldAccessor accessor : pastDates) {
            Object value = accessor.get(event);
            if (value == null) {
                continue;
            }
            latest = latest == null ? clock.instant().plus(FUTURE_TOLERANCE) : latest;
            boolean future = value instanceof LocalDate date ? date.isAfter(LocalDate.ofInstant(latest, DATE_ZONE))
                    : value instanceof OffsetDateTime time && time.toInstant().isAfter(latest);
            if (future) {
                String what = FieldNames.chineseName(accessor.path());
                findings.add(Finding.warning(accessor.path(), ErrorCodes.DATE_IN_FUTURE, what + "“" + value + "”晚于"
                        + (value instanceof LocalDate ? "今天" : "当前时间") + "，本行已接收，请核对" + what
                        + "（多半是录入错误）后重新发送", value.toString()));
            }
        }
    }

    /** A quantity in a unit the step is not recorded in (STANDARDS.md): litres of raw milk, pieces filled into a cylinder. */
    private static void checkUnitOfStep(List<Finding> findings, TraceEvent event) {
        Quantity quantity = event.getQuantity();
        if (quantity == null || quantity.getValue() == null || event.getCategory() == null || event.getStep() == null) {
            return;
        }
        Set<StandardUnit> usual = UNITS_OF_STEP.getOrDefault(event.getCategory(), Map.of()).get(event.getStep());
        Optional<StandardUnit> unit = StandardUnit.of(quantity.getUnit());
        if (usual == null || unit.isEmpty() || usual.contains(unit.get())) {
            return;
        }
        String names = String.join("或", usual.stream().sorted().map(StandardUnit::chineseName).toList());
        findings.add(Finding.warning("quantity", ErrorCodes.QUANTITY_UNIT_UNUSUAL, CodeLists.chineseName(event.getCategory())
                + CodeLists.chineseName(event.getStep()) + "的数量应以" + names + "记录，本行的单位是" + unit.get().chineseName()
                + "，本行已接收，请核对计量单位", quantity.getUnit()));
    }

    private static void checkQuantity(List<Finding> findings, Quantity quantity) {
        if (quantity == null || quantity.getValue() == null) {
            return;
        }
        BigDecimal value = quantity.getValue();
        if (value.compareTo(BigDecimal.ZERO) <= 0) {
            findings.add(Finding.error("quantity", ErrorCodes.QUANTITY_NOT_POSITIVE, "数量必须大于0", value.toPlainString()));
            return;
        }
        Optional<StandardUnit> unit = StandardUnit.of(quantity.getUnit());
        if (unit.isEmpty()) {
            findings.add(Finding.error("quantity", ErrorCodes.UNIT_UNKNOWN,
                    "数量单位“" + quantity.getUnit() + "”不是本标准的计量单位（" + UNIT_CODES + "）", quantity.getUnit()));
        } else if (value.compareTo(unit.get().maxPlausible()) > 0) {
            findings.add(Finding.error("quantity", ErrorCodes.QUANTITY_IMPLAUSIBLE,
                    "数量" + value.toPlainString() + unit.get().chineseName() + "超过单条记录的合理上限"
                            + unit.get().maxPlausible().toPlainString() + unit.get().chineseName() + "，请核对计量单位",
                    value.toPlainString()));
        }
    }

    private void checkInputs(List<Finding> findings, TraceEvent event) {
        if (event.getInputs() == null) {
            return;
        }
        for (String input : event.getInputs().getInput()) {
            int separator = input == null ? -1 : TraceCodeValidator.separatorAt(input);
            if (isSelf(event, input)) {
                // a retail market that keeps the wholesale trace code as its own batch and lists it as the input too: the
                // goods are sound and their chain is whole under that one code; only the link to itself is meaningless
                findings.add(Finding.warning("inputs", ErrorCodes.INPUT_IS_SELF, "来源批次“" + input + "”就是本批次自身的追溯码"
                        + "（如以上游追溯码作为本批次号），本行已接收，该来源批次未记录；如另有来源批次，请核对后重新发送", input));
            } else {
                if (separator >= 0) {
                    // perhaps several lots the spec's split did not separate, which as one code link to a lot nobody made;
                    // perhaps one legacy code that holds the character: the clerk is told, the row is kept
                    findings.add(Finding.warning("inputs", ErrorCodes.INPUT_HOLDS_SEPARATOR, "来源批次“" + input + "”含有"
                            + TraceCodeValidator.describeSeparator(input, separator) + "，已按一个追溯码记录：如为多个来源批次，"
                            + "请按本数据源约定的分隔符分隔后重新发送", input));
                }
                add(findings, "inputs", inputCodes.validate(input));
            }
        }
    }

    /**
     * The event without the inputs {@link #check} warns of as its own trace code ({@code INPUT_IS_SELF}): a link from a lot
     * to itself would be stored as one. The converter calls it on an event it accepts; {@code inputs} goes when none is left
     * (the XSD wants at least one {@code input} in it).
     */
    public static void dropSelfInputs(TraceEvent event) {
        if (event.getInputs() == null) {
            return;
        }
        List<String> inputs = event.getInputs().getInput();
        if (inputs.removeIf(input -> isSelf(event, input)) && inputs.isEmpty()) {
            event.setInputs(null);
        }
    }

    private static boolean isSelf(TraceEvent event, String input) {
        return input != null && input.equals(event.getTraceCode());
    }

    private static void checkExtension(List<Finding> findings, TraceEvent event) {
        Extension extension = event.getExtension();
        if (extension == null || event.getCategory() == null) {
            return;
        }
        List<String> blocks = new ArrayList<>(1);
        addIf(blocks, extension.getMeat(), "meat");
        addIf(blocks, extension.getVegetable(), "vegetable");
        addIf(blocks, extension.getDairy(), "dairy");
        addIf(blocks, extension.getElevator(), "elevator");
        addIf(blocks, extension.getGasCylinder(), "gasCylinder");
        if (blocks.isEmpty()) {
            return;
        }
        String own = blockOf(event.getCategory());
        String block = blocks.contains(own) ? own : blocks.get(0);
        if (!block.equals(own)) {
            // a warning: the event itself is sound, but its spec fills another category's fields
            findings.add(Finding.warning("extension." + block, ErrorCodes.EXTENSION_MISMATCH,
                    "扩展信息（" + block + "）与品类“" + CodeLists.chineseName(event.getCategory()) + "”不符，请检查映射配置", block));
        }
        for (String other : blocks) {
            if (!other.equals(block)) {
                // the standard document holds one block (an xs:choice): the event could not be written as valid XML
                String fields = String.join("、", fieldsSet(event, "extension." + other + "."));
                findings.add(Finding.error("extension." + other, ErrorCodes.EXTENSION_BLOCKS_SEVERAL, "一条记录只能有一个品类的扩展信息，"
                        + "本行除" + block + "外还有" + other + "的扩展信息（" + fields + "），无法写入标准文档：本行未接收，"
                        + "请联系平台管理员检查映射配置", fields));
            }
        }
    }

    private static void addIf(List<String> blocks, Object block, String name) {
        if (block != null) {
            blocks.add(name);
        }
    }

    /** The paths under {@code prefix} that carry a value, for a message naming what the clerk's row filled. */
    private static List<String> fieldsSet(TraceEvent event, String prefix) {
        List<String> set = StandardFields.all().keySet().stream()
                .filter(path -> path.startsWith(prefix) && StandardFields.isPresent(event, path)).toList();
        return set.isEmpty() ? List.of(prefix.substring(0, prefix.length() - 1)) : set;
    }

    /** The extension block a category uses, or null for categories without one. */
    public static String blockOf(Category category) {
        return switch (category) {
            case MEAT -> "meat";
            case VEGETABLE -> "vegetable";
            case DAIRY -> "dairy";
            case ELEVATOR -> "elevator";
            case GAS_CYLINDER -> "gasCylinder";
            default -> null;
        };
    }

    private static void checkImportDeclaration(List<Finding> findings, TraceEvent event) {
        if (event.getStep() != Step.IMPORT) {
            return;
        }
        for (FieldAccessor path : IMPORT_DECLARATIONS) {
            Object value = path.get(event);
            if (value instanceof String number && CustomsDeclarationValidator.isExport(number)) {
                findings.add(Finding.warning(path.path(), ErrorCodes.CUSTOMS_DECLARATION_NOT_IMPORT,
                        "进口记录的报关单号第9位为0（出口报关单），请核对", number));
            }
        }
    }

    private static void add(List<Finding> findings, String field, ValidationResult result) {
        Finding f = result.toFinding(field);
        if (f != null) {
            findings.add(f);
        }
    }

    private static Map<String, Class<? extends IdentifierValidator>> checkedBy() {
        Map<String, Class<? extends IdentifierValidator>> m = new LinkedHashMap<>();
        m.put("traceCode", TraceCodeValidator.class);
        m.put("operator.uscc", UsccValidator.class);
        m.put("counterparty.uscc", UsccValidator.class);
        m.put("product.gtin", GtinValidator.class);
        m.put("origin", RegionCodeValidator.class);
        m.put(StandardFields.CERTIFICATES_PREFIX + "CUSTOMS_DECLARATION", CustomsDeclarationValidator.class);
        m.put("extension.dairy.customsDeclarationNo", CustomsDeclarationValidator.class);
        m.put("extension.elevator.equipmentCode", EquipmentCodeValidator.class);
        m.put("extension.elevator.registrationCode", EquipmentCodeValidator.class);
        m.put("extension.elevator.maintainer.uscc", UsccValidator.class);
        return Collections.unmodifiableMap(m);
    }

    private static Map<String, String> plausibility() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("time", "`TIME_IN_FUTURE` if later than now + " + FUTURE_TOLERANCE.toMinutes() + " min");
        m.put("quantity", "`QUANTITY_NOT_POSITIVE` if ≤ 0; `UNIT_UNKNOWN` if the unit is not a `StandardUnit`;"
                + " `QUANTITY_IMPLAUSIBLE` above the unit's bound; `QUANTITY_UNIT_UNUSUAL` (warning) for a unit the step is not"
                + " recorded in (DAIRY at COLLECT: TNE or KGM; GAS_CYLINDER at FILL: KGM or LTR)");
        m.put("inputs", "`INPUT_IS_SELF` (warning; the converter drops that input) if one is the event's own trace code; each as an opaque trace code;"
                + " `INPUT_HOLDS_SEPARATOR` (warning) for a separator inside one: perhaps several lots the spec did not split");
        m.put("extension", "`EXTENSION_MISMATCH` (warning) if the block is not the event's category's;"
                + " `EXTENSION_BLOCKS_SEVERAL` if more than one block is set (the XSD's choice holds one)");
        for (String path : PAST_DATES) {
            m.put(path, "`DATE_IN_FUTURE` (warning) if later than " + (path.endsWith("Time") ? "now + " + FUTURE_TOLERANCE.toMinutes()
                    + " min" : "today in Shanghai (its first moment after now + " + FUTURE_TOLERANCE.toMinutes() + " min)"));
        }
        m.put("extension.dairy.customsDeclarationNo", "`CUSTOMS_DECLARATION_NOT_IMPORT` (warning) on an IMPORT with an export number");
        m.put(StandardFields.CERTIFICATES_PREFIX + "CUSTOMS_DECLARATION",
                "`CUSTOMS_DECLARATION_NOT_IMPORT` (warning) on an IMPORT with an export number");
        return Collections.unmodifiableMap(m);
    }
}
