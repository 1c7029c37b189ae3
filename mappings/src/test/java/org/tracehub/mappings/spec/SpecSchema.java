package org.tracehub.mappings.spec;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The spec JSON Schema shipped in the module's resources, for the tests that hold it against the loader. */
final class SpecSchema {

    private static final Schema SCHEMA = load();

    private SpecSchema() {
    }

    /** The schema's complaints about a YAML spec; empty when it is valid. */
    static List<String> errors(String yaml) {
        return SCHEMA.validate(yaml, InputFormat.YAML).stream().map(Error::toString).toList();
    }

    private static Schema load() {
        try (InputStream in = SpecSchema.class.getClassLoader().getResourceAsStream("spec-schema.json")) {
            if (in == null) {
                throw new IllegalStateException("spec-schema.json is not on the classpath");
            }
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
