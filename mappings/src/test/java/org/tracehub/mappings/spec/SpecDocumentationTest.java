package org.tracehub.mappings.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every YAML example in mappings/README.md is a spec or a piece of one that the loader accepts and
 * the JSON Schema validates — except an example marked {@code <!-- broken spec … -->}, which both
 * must refuse. A piece ({@code fields:}, {@code files:}, {@code lookups:}) is completed with a minimal
 * spec around it; lookup tables and files it names are supplied.
 */
class SpecDocumentationTest {

    private static final Pattern BLOCK = Pattern.compile("(<!-- broken spec[^>]*-->\\s*\\n)?```yaml\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern LOOKUP_USE = Pattern.compile("lookup: ([^,}\\s]+)");
    private static final Pattern LOOKUP_FILE = Pattern.compile("file: (\\S+\\.csv)");

    @TempDir
    Path dir;

    @Test
    void everyYamlExampleOfTheReadmeIsAcceptedByTheLoaderAndTheSchema() throws Exception {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        Matcher m = BLOCK.matcher(readme);
        List<String> failures = new ArrayList<>();
        int examples = 0;
        int broken = 0;
        while (m.find()) {
            examples++;
            String spec = complete(m.group(2));
            boolean expectBroken = m.group(1) != null;
            broken += expectBroken ? 1 : 0;
            List<String> schemaErrors = SpecSchema.errors(spec);
            String loaderErrors = loaderErrors(spec);
            if (expectBroken && (schemaErrors.isEmpty() || loaderErrors == null)) {
                failures.add("example " + examples + " should be refused by both (schema " + schemaErrors + ", loader " + loaderErrors
                        + "):\n" + spec);
            } else if (!expectBroken && (!schemaErrors.isEmpty() || loaderErrors != null)) {
                failures.add("example " + examples + " is refused:\nschema " + schemaErrors + "\nloader " + loaderErrors + "\n" + spec);
            }
        }
        assertThat(failures).isEmpty();
        assertThat(examples).as("YAML examples found").isGreaterThanOrEqualTo(11);
        assertThat(broken).as("examples marked broken").isEqualTo(1);
    }

    private String loaderErrors(String spec) throws Exception {
        for (Matcher f = LOOKUP_FILE.matcher(spec); f.find(); ) {
            Path csv = dir.resolve(f.group(1));
            Files.createDirectories(csv.getParent());
            Files.writeString(csv, "legacy,standard\n青菜,030101\n", StandardCharsets.UTF_8);
        }
        try {
            new SpecLoader().load(Files.writeString(dir.resolve("example.yaml"), spec, StandardCharsets.UTF_8));
            return null;
        } catch (SpecException e) {
            return e.getMessage();
        }
    }

    private static final Pattern EXTENSION_BLOCK = Pattern.compile("extension\\.(meat|vegetable|dairy|elevator|gasCylinder)\\.");

    /** The example as a whole spec, of the category whose extension block it fills (one block: the loader's rule). */
    private static String complete(String example) {
        String body = example.strip() + "\n";
        Matcher block = EXTENSION_BLOCK.matcher(body);
        String category = !block.find() ? "MEAT" : switch (block.group(1)) {
            case "vegetable" -> "VEGETABLE";
            case "dairy" -> "DAIRY";
            case "elevator" -> "ELEVATOR";
            case "gasCylinder" -> "GAS_CYLINDER";
            default -> "MEAT";
        };
        String first = body.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).findFirst().orElse("");
        String spec;
        if (first.startsWith("source:")) {
            return body;
        } else if (first.startsWith("files:") || first.startsWith("lookups:")) {
            spec = "source: doc-example\ncategory: " + category + "\n" + body;
            if (first.startsWith("lookups:")) {
                spec = spec.replace("lookups:", """
                        files:
                          - match: "*.csv"
                            format: csv
                            step: WHOLESALE
                            key: [单号]
                            fields:
                              traceCode: { column: 追溯码 }
                        lookups:""");
            }
        } else if (first.startsWith("fields:")) {
            int top = body.indexOf("\nlookups:");
            String fields = top < 0 ? body : body.substring(0, top + 1);
            String rest = top < 0 ? "" : body.substring(top + 1);
            boolean xml = fields.contains("path:");
            spec = "source: doc-example\ncategory: " + category + "\nfiles:\n  - match: \"*\"\n"
                    + (xml ? "    format: xml\n    record: /root/row\n    key: [id]\n" : "    format: csv\n    key: [单号]\n")
                    + "    step: WHOLESALE\n" + fields.indent(4) + rest;
        } else {
            throw new AssertionError("an example that is neither a spec nor a piece of one:\n" + example);
        }
        return withLookupTables(spec);
    }

    /** Defines every table a piece uses but does not define. */
    private static String withLookupTables(String spec) {
        Set<String> used = new LinkedHashSet<>();
        for (Matcher u = LOOKUP_USE.matcher(spec); u.find(); ) {
            used.add(u.group(1));
        }
        StringBuilder missing = new StringBuilder();
        for (String name : used) {
            if (!Pattern.compile("(?m)^  " + Pattern.quote(name) + ":").matcher(spec).find()) {
                missing.append("  ").append(name).append(": { 样例: \"0101\" }\n");
            }
        }
        if (missing.isEmpty()) {
            return spec;
        }
        return spec.contains("\nlookups:\n") ? spec.replace("\nlookups:\n", "\nlookups:\n" + missing)
                : spec + "lookups:\n" + missing;
    }
}
