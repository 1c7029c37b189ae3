package org.tracehub.schemas.reference;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.stream.Collectors;
import org.tracehub.schemas.code.CodeLists;
import org.tracehub.schemas.event.EventRules;
import org.tracehub.schemas.event.FieldNames;
import org.tracehub.schemas.event.RequiredFields;
import org.tracehub.schemas.event.Requirement;
import org.tracehub.schemas.event.StandardFields;
import org.tracehub.schemas.standard.v1.Category;
import org.tracehub.schemas.standard.v1.NodeType;
import org.tracehub.schemas.standard.v1.Step;
import org.tracehub.schemas.unit.LegacyUnit;
import org.tracehub.schemas.unit.StandardUnit;
import org.tracehub.schemas.validation.CustomsDeclarationValidator;
import org.tracehub.schemas.validation.EquipmentCodeValidator;
import org.tracehub.schemas.validation.GtinValidator;
import org.tracehub.schemas.validation.IdentifierValidator;
import org.tracehub.schemas.validation.RegionCodeValidator;
import org.tracehub.schemas.validation.TraceCodeValidator;
import org.tracehub.schemas.validation.UsccValidator;

/**
 * Renders the README's reference tables from the code and the XSD: the fields of the trace event
 * with their Chinese names, XSD types, requirements and checks; the required-field table; the
 * simple types; the code lists; the units. {@code ReadmeTablesTest} fails when the README differs;
 * {@code main} prints every section, ready to paste.
 */
public final class StandardReference {

    /** Section name → Markdown, in README order. */
    public static Map<String, String> sections() {
        XsdModel xsd = new XsdModel();
        Map<String, String> sections = new LinkedHashMap<>();
        sections.put("fields", fieldTable(xsd));
        sections.put("required", requiredTable());
        sections.put("simple-types", simpleTypeTable(xsd));
        sections.put("code-lists", codeListTable());
        sections.put("units", unitTables());
        return sections;
    }

    public static void main(String[] args) {
        sections().forEach((name, table) -> System.out.println(begin(name) + "\n" + table + end(name) + "\n"));
    }

    /** The README marker that opens a generated section. */
    public static String begin(String section) {
        return "<!-- BEGIN GENERATED " + section + ": StandardReference, do not edit by hand -->";
    }

    /** The README marker that closes a generated section. */
    public static String end(String section) {
        return "<!-- END GENERATED " + section + " -->";
    }

    private StandardReference() {
    }

    // ----- fields -----

    private static final Map<Class<? extends IdentifierValidator>, String> VALIDATORS = Map.of(
            TraceCodeValidator.class, "`TraceCodeValidator`: opaque (≤ 64, no control characters, a letter or digit, no other check: some legacy codes hold a slash, a semicolon or a space); and the source's `traceCodePattern`, when its spec has one (`TRACE_CODE_PATTERN`)",
            UsccValidator.class, "`UsccValidator`: GB 32100 check + GB 11714 organisation code",
            GtinValidator.class, "`GtinValidator`: GS1 mod 10",
            RegionCodeValidator.class, "`RegionCodeValidator`: GB/T 2260 code table",
            EquipmentCodeValidator.class, "`EquipmentCodeValidator`: 18 / 20 / 21-character rules",
            CustomsDeclarationValidator.class, "`CustomsDeclarationValidator`: 18 digits, flag, year");

    private static final String FIRST_EXTENSION_FIELD = "extension.meat.owner";

    static String fieldTable(XsdModel xsd) {
        List<String> paths = new ArrayList<>();
        paths.add("eventId");
        paths.addAll(StandardFields.all().keySet());
        xsd.elementsOf("Provenance").keySet().forEach(name -> paths.add("provenance." + name));
        StringBuilder md = new StringBuilder("| path | 中文名 | XSD type | required | checked by (rules) |\n|---|---|---|---|---|\n");
        for (String path : paths) {
            if (path.equals(FIRST_EXTENSION_FIELD)) {
                md.append(row(code("extension"), FieldNames.chineseName("extension"),
                        "choice of one block: " + String.join(", ", xsd.elementsOf("Extension").keySet().stream().map(StandardReference::code).toList()),
                        "—", EventRules.PLAUSIBILITY.get("extension")));
            }
            md.append(row(code(path), FieldNames.chineseName(path), type(xsd, path), required(xsd, path), checks(xsd, path)));
        }
        return md.toString();
    }

    private static String type(XsdModel xsd, String path) {
        if (path.startsWith(StandardFields.CERTIFICATES_PREFIX)) {
            return "`Code` (a `certificate` of this `type`)";
        }
        XsdModel.Child child = child(xsd, path);
        String type = XsdModel.strip(child.type());
        String shown = switch (type) {
            case "Inputs" -> "list of `Code`";
            case "Quantity" -> "`xs:decimal` + `unit` (`UnitCode`)";
            case "Price" -> "`xs:decimal` + `currency` (CNY) + `perUnit`";
            default -> "`" + type + "`";
        };
        return child.repeated() ? shown + ", repeated" : shown;
    }

    private static String required(XsdModel xsd, String path) {
        List<String> parts = new ArrayList<>();
        if (!path.startsWith(StandardFields.CERTIFICATES_PREFIX) && requiredByXsd(xsd, path)) {
            parts.add("always (XSD)");
        }
        for (Requirement r : RequiredFields.always()) {
            if (r.anyOf().contains(path)) {
                parts.add("always (rules" + others(r, path) + ")");
            }
        }
        for (Category category : Category.values()) {
            List<String> steps = new ArrayList<>();
            String group = "";
            for (Step step : Step.values()) {
                for (Requirement r : RequiredFields.specific(category, step)) {
                    if (r.anyOf().contains(path)) {
                        steps.add(step.name());
                        group = others(r, path);
                    }
                }
            }
            if (!steps.isEmpty()) {
                parts.add(category.name() + " at " + String.join(", ", steps) + group);
            }
        }
        return parts.isEmpty() ? "—" : String.join("; ", parts);
    }

    private static String others(Requirement r, String path) {
        List<String> others = r.anyOf().stream().filter(p -> !p.equals(path)).map(StandardReference::code).toList();
        return others.isEmpty() ? "" : ", or " + String.join(" or ", others);
    }

    private static String checks(XsdModel xsd, String path) {
        List<String> parts = new ArrayList<>();
        Class<? extends IdentifierValidator> validator = EventRules.CHECKED_BY.get(path);
        if (validator != null) {
            parts.add(VALIDATORS.get(validator));
        }
        String plausibility = EventRules.PLAUSIBILITY.get(path);
        if (plausibility != null) {
            parts.add(plausibility);
        }
        if (parts.isEmpty()) {
            XsdModel.SimpleType simple = path.startsWith(StandardFields.CERTIFICATES_PREFIX) ? null
                    : xsd.simpleTypes().get(XsdModel.strip(child(xsd, path).type()));
            return simple != null && !simple.enumeration().isEmpty() ? "XSD enumeration" : "XSD type only";
        }
        return String.join("; ", parts);
    }

    private static boolean requiredByXsd(XsdModel xsd, String path) {
        String type = "TraceEvent";
        for (String segment : path.split("\\.")) {
            XsdModel.Child child = xsd.elementsOf(type).get(segment);
            if (child == null || !child.required()) {
                return false;
            }
            type = child.type();
        }
        return true;
    }

    private static XsdModel.Child child(XsdModel xsd, String path) {
        String type = "TraceEvent";
        XsdModel.Child child = null;
        for (String segment : path.split("\\.")) {
            child = xsd.elementsOf(type).get(segment);
            if (child == null) {
                throw new IllegalStateException("the XSD has no element for " + path);
            }
            type = child.type();
        }
        return child;
    }

    // ----- required fields -----

    static String requiredTable() {
        StringBuilder md = new StringBuilder("| category | step | required (at least one of the fields of each line) | finding when missing |\n"
                + "|---|---|---|---|\n");
        for (Requirement r : RequiredFields.always()) {
            md.append(row("every", "every", requirement(r), finding(r)));
        }
        RequiredFields.table().forEach((category, steps) -> steps.forEach((step, requirements) -> {
            for (Requirement r : requirements) {
                md.append(row(code(category.name()) + " " + CodeLists.chineseName(category),
                        code(step.name()) + " " + CodeLists.chineseName(step), requirement(r), finding(r)));
            }
        }));
        return md.toString();
    }

    private static String requirement(Requirement r) {
        String fields = r.anyOf().stream().map(p -> code(p) + " " + FieldNames.chineseName(p)).collect(Collectors.joining(" **or** "));
        return r.exemption() == null ? fields : fields + "; " + r.exemption().description();
    }

    private static String finding(Requirement r) {
        return code(r.code()) + " on " + code(r.field());
    }

    // ----- simple types -----

    static String simpleTypeTable(XsdModel xsd) {
        StringBuilder md = new StringBuilder("| type | base | constraint |\n|---|---|---|\n");
        for (XsdModel.SimpleType t : xsd.simpleTypes().values()) {
            StringJoiner constraint = new StringJoiner("; ");
            t.patterns().forEach(p -> constraint.add("pattern " + code(p)));
            if (t.minLength() != null || t.maxLength() != null) {
                constraint.add("length " + (t.minLength() == null ? "0" : t.minLength()) + "–" + (t.maxLength() == null ? "∞" : t.maxLength()));
            }
            if (!t.enumeration().isEmpty()) {
                constraint.add("code list of " + t.enumeration().size() + " values (see Code lists)");
            }
            md.append(row(code(t.name()), code(t.base()), constraint.length() == 0 ? "—" : constraint.toString()));
        }
        return md.toString();
    }

    // ----- code lists -----

    static String codeListTable() {
        StringBuilder md = new StringBuilder("| code list | values (code 中文名) |\n|---|---|\n");
        for (Class<? extends Enum<?>> list : CodeLists.LISTS) {
            StringJoiner values = new StringJoiner(" · ");
            for (Enum<?> value : list.getEnumConstants()) {
                String city = value instanceof NodeType node ? CodeLists.cityPlatformCodeOf(node).map(c -> " [" + c + "]").orElse("") : "";
                values.add(code(value.name()) + " " + CodeLists.chineseName(value) + city);
            }
            md.append(row(code(list.getSimpleName()), values.toString()));
        }
        return md.toString();
    }

    // ----- units -----

    static String unitTables() {
        StringBuilder md = new StringBuilder("| legacy unit | accepted as (besides its name) | → UN/ECE | exact factor |\n|---|---|---|---|\n");
        for (LegacyUnit unit : LegacyUnit.values()) {
            md.append(row(code(unit.name()), String.join(", ", unit.aliases()), code(unit.standardUnit()), unit.factor().toPlainString()));
        }
        md.append("\n| UN/ECE unit | 中文名 | largest quantity on one event (`QUANTITY_IMPLAUSIBLE` above) |\n|---|---|---|\n");
        for (StandardUnit unit : StandardUnit.values()) {
            md.append(row(code(unit.name()), unit.chineseName(), String.format("%,d", unit.maxPlausible().toBigIntegerExact())));
        }
        return md.toString();
    }

    // ----- Markdown -----

    private static String row(String... cells) {
        StringJoiner row = new StringJoiner(" | ", "| ", " |\n");
        for (String cell : cells) {
            row.add(cell.replace("|", "\\|"));
        }
        return row.toString();
    }

    private static String code(String text) {
        return "`" + text + "`";
    }
}
