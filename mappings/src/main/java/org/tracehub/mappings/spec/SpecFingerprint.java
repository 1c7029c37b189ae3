package org.tracehub.mappings.spec;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A digest of what a loaded spec converts by ({@link MappingSpec#fingerprint}): the same whenever the same spec is loaded,
 * in this process or the next, and different when anything the spec converts by changed, not when only its comments,
 * blank lines or indentation did ({@link #NOT_COUNTED}). Computed from the loaded records themselves, so a component
 * added to them later counts without anyone remembering it here (and, while unset, changes nothing: a spec that does not
 * use it keeps its fingerprint across the upgrade); maps go by sorted key, as {@code Map.copyOf} iterates in an order of
 * its own in each JVM.
 */
final class SpecFingerprint {

    /**
     * What a record holds about the spec file rather than about the conversion: where it was read from, what the loader
     * remarked (notes depend on the date), and the lines its keys stand on, kept for messages. A comment or a blank line
     * added above a field moves those lines: counted, it would fail every half-converted batch of the source
     * SPEC_CHANGED at its restart, though the rest of the file converts exactly as the first part did.
     */
    private static final Map<Class<? extends Record>, Set<String>> NOT_COUNTED = Map.of(
            MappingSpec.class, Set.of("origin", "notes", "sourceLine"),
            FieldMapping.class, Set.of("line"));
    /**
     * What the release before this one left out: it counted the fields' lines. A batch that release's stop cut short in
     * its convert step kept a fingerprint of this kind; its restart after the upgrade compares it with this
     * ({@link MappingSpec#fingerprintWithFieldLines}) rather than fail it SPEC_CHANGED for a spec that did not change.
     */
    private static final Map<Class<? extends Record>, Set<String>> NOT_COUNTED_WITH_FIELD_LINES = Map.of(
            MappingSpec.class, Set.of("origin", "notes", "sourceLine"));

    private SpecFingerprint() {
    }

    static String of(MappingSpec spec) {
        return of((Record) spec);
    }

    static String withFieldLines(MappingSpec spec) {
        return digest(spec, NOT_COUNTED_WITH_FIELD_LINES);
    }

    /** The digest of any record a spec is made of (its tests compare a record as one release and the next write it). */
    static String of(Record spec) {
        return digest(spec, NOT_COUNTED);
    }

    private static String digest(Record spec, Map<Class<? extends Record>, Set<String>> notCounted) {
        StringBuilder canonical = new StringBuilder();
        write(spec, canonical, notCounted);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(Object value, StringBuilder out, Map<Class<? extends Record>, Set<String>> notCounted) {
        if (value == null) {
            out.append('~');
        } else if (value instanceof CharSequence text) {
            out.append(text.length()).append('"').append(text);
        } else if (value instanceof Enum<?> constant) {
            out.append(constant.name());
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Class<?> type) {
            out.append(type.getName());
        } else if (value instanceof Character c) {
            out.append('\'').append(c.charValue());
        } else if (value instanceof Record record) {
            out.append(record.getClass().getSimpleName()).append('(');
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                if (notCounted.getOrDefault(record.getClass(), Set.of()).contains(component.getName())) {
                    continue;
                }
                Object v = read(record, component);
                if (unset(v)) {
                    // a component a later release adds, unset in a spec that does not use it, leaves its fingerprint as
                    // it was: a batch half-converted before an upgrade goes on after it instead of failing SPEC_CHANGED
                    continue;
                }
                out.append(component.getName()).append('=');
                write(v, out, notCounted);
                out.append(',');
            }
            out.append(')');
        } else if (value instanceof Map<?, ?> map) {
            List<String> entries = new ArrayList<>();
            map.forEach((k, v) -> entries.add(text(k, notCounted) + ':' + text(v, notCounted)));
            entries.sort(null);
            out.append('{').append(String.join(",", entries)).append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (Object v : list) {
                write(v, out, notCounted);
                out.append(',');
            }
            out.append(']');
        } else if (value instanceof Collection<?> unordered) {
            List<String> items = new ArrayList<>();
            unordered.forEach(v -> items.add(text(v, notCounted)));
            items.sort(null);
            out.append('<').append(String.join(",", items)).append('>');
        } else {
            // an object without a value's text (an identity hash) would make every restart see another spec
            throw new IllegalStateException("a spec holds a " + value.getClass().getName() + ", which its fingerprint "
                    + "cannot take: add it to SpecFingerprint");
        }
    }

    /** Null, false, or an empty list or map: what a component's absence from the spec file reads as. */
    private static boolean unset(Object value) {
        return value == null || Boolean.FALSE.equals(value) || value instanceof Collection<?> c && c.isEmpty()
                || value instanceof Map<?, ?> m && m.isEmpty();
    }

    private static String text(Object value, Map<Class<? extends Record>, Set<String>> notCounted) {
        StringBuilder out = new StringBuilder();
        write(value, out, notCounted);
        return out.toString();
    }

    private static Object read(Record record, RecordComponent component) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component + " of " + record.getClass().getName(), e);
        }
    }
}
