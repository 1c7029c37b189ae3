package org.tracehub.schemas.event;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tracehub.schemas.code.CodeLists;
import org.tracehub.schemas.standard.v1.CertificateType;

/**
 * The Chinese name of every field of the trace event, as receipts and the README show it to a
 * clerk. Names live in {@code codes/field-names.csv}; a certificate field is named after its
 * certificate type ({@code certificates.MEAT_QUALITY} → 肉品品质检验合格证编号).
 */
public final class FieldNames {

    private static final String RESOURCE = "/codes/field-names.csv";
    private static final Map<String, String> NAMES = load();

    private FieldNames() {
    }

    /** The Chinese name of a path; fails for a path the standard does not have. */
    public static String chineseName(String path) {
        if (path.startsWith(StandardFields.CERTIFICATES_PREFIX)) {
            CertificateType type = CertificateType.valueOf(path.substring(StandardFields.CERTIFICATES_PREFIX.length()));
            return CodeLists.chineseName(type) + "编号";
        }
        String name = NAMES.get(path);
        if (name == null) {
            throw new IllegalArgumentException("no Chinese name in " + RESOURCE + " for " + path);
        }
        return name;
    }

    /** Every named path, in the order of the CSV (the order of the XSD). */
    public static Map<String, String> all() {
        return NAMES;
    }

    private static Map<String, String> load() {
        Map<String, String> names = new LinkedHashMap<>();
        try (InputStream in = FieldNames.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("field names missing from the classpath: " + RESOURCE);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            reader.readLine();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                int comma = line.indexOf(',');
                if (comma > 0) {
                    names.put(line.substring(0, comma), line.substring(comma + 1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return java.util.Collections.unmodifiableMap(names);
    }
}
