package org.tracehub.schemas.event;

import jakarta.xml.bind.annotation.XmlSchemaType;
import jakarta.xml.bind.annotation.XmlType;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.tracehub.schemas.standard.v1.CertificateType;
import org.tracehub.schemas.standard.v1.Certificates;
import org.tracehub.schemas.standard.v1.Inputs;
import org.tracehub.schemas.standard.v1.Price;
import org.tracehub.schemas.standard.v1.Quantity;
import org.tracehub.schemas.standard.v1.TraceEvent;

/**
 * The vocabulary of field paths a mapping spec may target, derived from the generated model so
 * that the XSD stays the one definition of the standard. Also sets a converted value at a path.
 */
public final class StandardFields {

    /** Set by the engine itself, never by a spec. */
    private static final Set<String> RESERVED = Set.of("eventId", "provenance");
    public static final String CERTIFICATES_PREFIX = "certificates.";
    /** The XSD's {@code Code} type (an {@code xs:token}): identifiers, numbers of certificates. */
    public static final int CODE_MAX_LENGTH = 64;
    /** The XSD's {@code Text} type: names, addresses, free text. */
    public static final int TEXT_MAX_LENGTH = 200;

    private static final Map<String, StandardField> FIELDS = discover();
    private static final ConcurrentMap<String, FieldAccessor> ACCESSORS = new ConcurrentHashMap<>();

    private StandardFields() {
    }

    public static Map<String, StandardField> all() {
        return FIELDS;
    }

    public static Optional<StandardField> find(String path) {
        return Optional.ofNullable(FIELDS.get(path));
    }

    /** The known path closest to a mistyped one, for "did you mean …" messages. */
    public static Optional<String> suggest(String path) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : FIELDS.keySet()) {
            int d = distance(path.toLowerCase(), candidate.toLowerCase());
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return bestDistance <= Math.max(2, path.length() / 3) ? Optional.ofNullable(best) : Optional.empty();
    }

    /**
     * The path resolved once into direct calls (see {@link FieldAccessor}): what the engine and the
     * rules use per row. Resolved accessors are kept, so asking again is one map look-up.
     *
     * @throws IllegalArgumentException for a path that is not a field of the trace event
     */
    public static FieldAccessor accessor(String path) {
        FieldAccessor accessor = ACCESSORS.get(path);
        if (accessor == null) {
            accessor = FieldAccessor.compile(path);
            FieldAccessor previous = ACCESSORS.putIfAbsent(path, accessor);
            accessor = previous != null ? previous : accessor;
        }
        return accessor;
    }

    /**
     * Sets an already converted value: String, BigDecimal, BigInteger, OffsetDateTime, LocalDate,
     * an enum constant, a {@link List} of strings for LIST, a {@link Quantity} for QUANTITY, or a
     * {@code Price} (or a bare BigDecimal amount) for PRICE.
     */
    public static void set(TraceEvent event, String path, Object value) {
        if (value == null) {
            return;
        }
        accessor(path).set(event, value);
    }

    /**
     * The value at a path, or null when it or anything on the way is missing. A certificate path
     * gives the number of the first certificate of that type with a non-blank number.
     */
    public static Object get(TraceEvent event, String path) {
        if (event == null) {
            return null;
        }
        return accessor(path).get(event);
    }

    /** Whether a path carries a value: not null, not blank text, not an empty list, not a quantity without amount. */
    public static boolean isPresent(TraceEvent event, String path) {
        return accessor(path).isPresent(event);
    }

    private static Map<String, StandardField> discover() {
        Map<String, StandardField> fields = new LinkedHashMap<>();
        walk(TraceEvent.class, "", fields);
        return Collections.unmodifiableMap(fields);
    }

    @SuppressWarnings("unchecked")
    private static void walk(Class<?> type, String prefix, Map<String, StandardField> out) {
        for (Field field : orderedFields(type)) {
            String path = prefix + field.getName();
            Class<?> t = field.getType();
            if (prefix.isEmpty() && RESERVED.contains(field.getName())) {
                continue;
            }
            if (t == Certificates.class) {
                for (CertificateType c : CertificateType.values()) {
                    // a certificate's number, a Code
                    out.put(CERTIFICATES_PREFIX + c.name(),
                            new StandardField(CERTIFICATES_PREFIX + c.name(), FieldKind.TEXT, null, CODE_MAX_LENGTH));
                }
            } else if (t == Inputs.class) {
                out.put(path, new StandardField(path, FieldKind.LIST, null));
            } else if (t == Quantity.class) {
                out.put(path, new StandardField(path, FieldKind.QUANTITY, null));
            } else if (t == Price.class) {
                out.put(path, new StandardField(path, FieldKind.PRICE, null));
            } else if (t == BigDecimal.class) {
                out.put(path, new StandardField(path, FieldKind.DECIMAL, null));
            } else if (t == BigInteger.class) {
                out.put(path, new StandardField(path, FieldKind.INTEGER, null));
            } else if (t == OffsetDateTime.class) {
                out.put(path, new StandardField(path, FieldKind.DATE_TIME, null));
            } else if (t == LocalDate.class) {
                out.put(path, new StandardField(path, FieldKind.DATE, null));
            } else if (t.isEnum()) {
                out.put(path, new StandardField(path, FieldKind.CODE_LIST, (Class<? extends Enum<?>>) t));
            } else if (t == String.class) {
                // XJC marks the XSD's Code type (an xs:token) on the field; every other text field is Text
                XmlSchemaType schemaType = field.getAnnotation(XmlSchemaType.class);
                int max = schemaType != null && "token".equals(schemaType.name()) ? CODE_MAX_LENGTH : TEXT_MAX_LENGTH;
                out.put(path, new StandardField(path, FieldKind.TEXT, null, max));
            } else if (t.isAnnotationPresent(XmlType.class)) {
                walk(t, path + ".", out);
            } else if (List.class.isAssignableFrom(t) && field.getGenericType() instanceof ParameterizedType) {
                out.put(path, new StandardField(path, FieldKind.LIST, null));
            }
        }
    }

    private static List<Field> orderedFields(Class<?> type) {
        List<Field> result = new ArrayList<>();
        for (Field f : type.getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers())) {
                f.setAccessible(true);
                result.add(f);
            }
        }
        return result;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] tmp = prev;
            prev = cur;
            cur = tmp;
        }
        return prev[b.length()];
    }
}
