package org.tracehub.schemas.event;

import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.Supplier;
import org.tracehub.schemas.standard.v1.Certificate;
import org.tracehub.schemas.standard.v1.CertificateType;
import org.tracehub.schemas.standard.v1.Certificates;
import org.tracehub.schemas.standard.v1.Inputs;
import org.tracehub.schemas.standard.v1.Price;
import org.tracehub.schemas.standard.v1.Quantity;
import org.tracehub.schemas.standard.v1.TraceEvent;

/**
 * One field path of the trace event, resolved once into a chain of method handles over the
 * generated model's fields. The engine sets a dozen fields and the rules read a dozen more on
 * every row of files with millions of rows: per row this is a few direct calls, with no path
 * splitting, no reflective look-up and no string work. Obtain one with {@link StandardFields#accessor}.
 * <p>
 * It reads and writes the fields themselves (not the JAXB getters), so reading never creates an
 * empty list or object on the way.
 */
public final class FieldAccessor {

    private static final MethodType GETTER = MethodType.methodType(Object.class, Object.class);
    private static final MethodType SETTER = MethodType.methodType(void.class, Object.class, Object.class);

    private final String path;
    /** The certificate type of a {@code certificates.X} path, else null. */
    private final CertificateType certificate;
    /** The objects on the way to the leaf: how to read, write and create each of them. */
    private final Hop[] hops;
    private final Getter leafGetter;
    private final Setter leafSetter;
    private final Class<?> leafType;

    /** Reads a field of the model; a class generated per field (a lambda over the model's getter). */
    @FunctionalInterface
    interface Getter {
        Object get(Object target);
    }

    /** Writes a field of the model. */
    @FunctionalInterface
    interface Setter {
        void set(Object target, Object value);
    }

    private record Hop(Getter getter, Setter setter, Supplier<Object> constructor) {
    }

    private FieldAccessor(String path, CertificateType certificate, Hop[] hops, Getter leafGetter, Setter leafSetter,
            Class<?> leafType) {
        this.path = path;
        this.certificate = certificate;
        this.hops = hops;
        this.leafGetter = leafGetter;
        this.leafSetter = leafSetter;
        this.leafType = leafType;
    }

    /** Resolves a path; an unknown one is an {@link IllegalArgumentException}. */
    static FieldAccessor compile(String path) {
        if (path.startsWith(StandardFields.CERTIFICATES_PREFIX)) {
            CertificateType type = CertificateType.valueOf(path.substring(StandardFields.CERTIFICATES_PREFIX.length()));
            return new FieldAccessor(path, type, new Hop[0], null, null, null);
        }
        String[] segments = path.split("\\.");
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        try {
            Hop[] hops = new Hop[segments.length - 1];
            Class<?> type = TraceEvent.class;
            for (int i = 0; i < segments.length - 1; i++) {
                Field field = field(type, segments[i]);
                hops[i] = new Hop(getter(lookup, field), setter(lookup, field), constructor(lookup, field.getType()));
                type = field.getType();
            }
            Field leaf = field(type, segments[segments.length - 1]);
            return new FieldAccessor(path, null, hops, getter(lookup, leaf), setter(lookup, leaf), leaf.getType());
        } catch (Throwable e) {
            throw new IllegalArgumentException("no standard field " + path, e);
        }
    }

    /**
     * The model's getter as a generated lambda (a direct call once compiled). List fields are read
     * from the field itself, because their JAXB getter creates an empty list when there is none.
     */
    private static Getter getter(MethodHandles.Lookup lookup, Field field) throws Throwable {
        Method method = accessorMethod(field, "get");
        if (method == null || List.class.isAssignableFrom(field.getType())) {
            MethodHandle handle = lookup.unreflectGetter(field).asType(GETTER);
            return target -> {
                try {
                    return (Object) handle.invokeExact(target);
                } catch (Throwable e) {
                    throw new IllegalStateException("cannot read " + field, e);
                }
            };
        }
        MethodHandle impl = lookup.unreflect(method);
        return (Getter) LambdaMetafactory.metafactory(lookup, "get", MethodType.methodType(Getter.class),
                GETTER, impl, MethodType.methodType(field.getType(), field.getDeclaringClass())).getTarget().invokeExact();
    }

    /** The model's setter as a generated lambda; list fields (JAXB gives them no setter) are written to the field. */
    private static Setter setter(MethodHandles.Lookup lookup, Field field) throws Throwable {
        Method method = accessorMethod(field, "set");
        if (method == null) {
            MethodHandle handle = lookup.unreflectSetter(field).asType(SETTER);
            return (target, value) -> {
                try {
                    handle.invokeExact(target, value);
                } catch (Throwable e) {
                    throw new IllegalStateException("cannot write " + field, e);
                }
            };
        }
        MethodHandle impl = lookup.unreflect(method);
        return (Setter) LambdaMetafactory.metafactory(lookup, "set", MethodType.methodType(Setter.class),
                SETTER, impl, MethodType.methodType(void.class, field.getDeclaringClass(), field.getType())).getTarget().invokeExact();
    }

    @SuppressWarnings("unchecked")
    private static Supplier<Object> constructor(MethodHandles.Lookup lookup, Class<?> type) throws Throwable {
        MethodHandle impl = lookup.findConstructor(type, MethodType.methodType(void.class));
        return (Supplier<Object>) LambdaMetafactory.metafactory(lookup, "get", MethodType.methodType(Supplier.class),
                MethodType.methodType(Object.class), impl, MethodType.methodType(type)).getTarget().invokeExact();
    }

    /** The public {@code getX}/{@code setX} the generated model has for a field, or null. */
    private static Method accessorMethod(Field field, String prefix) {
        String name = prefix + Character.toUpperCase(field.getName().charAt(0)) + field.getName().substring(1);
        try {
            Method m = "get".equals(prefix) ? field.getDeclaringClass().getMethod(name)
                    : field.getDeclaringClass().getMethod(name, field.getType());
            boolean fits = "get".equals(prefix) ? m.getReturnType() == field.getType() : m.getReturnType() == void.class;
            return fits && Modifier.isPublic(m.getDeclaringClass().getModifiers()) ? m : null;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    public String path() {
        return path;
    }

    /**
     * Sets an already converted value (see {@link StandardFields#set}); null sets nothing. Objects
     * on the way are created when missing; a certificate path adds a certificate of its type; a
     * list into {@code inputs} is appended; a price is a {@code Price} (with the unit it is per) or a bare amount.
     */
    public void set(TraceEvent event, Object value) {
        if (value == null) {
            return;
        }
        if (certificate != null) {
            if (event.getCertificates() == null) {
                event.setCertificates(new Certificates());
            }
            Certificate c = new Certificate();
            c.setType(certificate);
            c.setNumber(value.toString());
            event.getCertificates().getCertificate().add(c);
            return;
        }
        try {
            Object target = event;
            for (Hop hop : hops) {
                Object child = hop.getter.get(target);
                if (child == null) {
                    child = hop.constructor.get();
                    hop.setter.set(target, child);
                }
                target = child;
            }
            if (leafType == Inputs.class) {
                Inputs inputs = (Inputs) leafGetter.get(target);
                if (inputs == null) {
                    inputs = new Inputs();
                    leafSetter.set(target, inputs);
                }
                for (Object code : (List<?>) value) {
                    inputs.getInput().add(code.toString());
                }
            } else if (leafType == Price.class && !(value instanceof Price)) {
                // a bare amount: per no unit the mapping knows of
                Price price = new Price();
                price.setValue((BigDecimal) value);
                leafSetter.set(target, price);
            } else {
                leafSetter.set(target, value);
            }
        } catch (ClassCastException e) {
            throw new IllegalArgumentException("cannot set standard field " + path + " to a " + value.getClass().getSimpleName(), e);
        }
    }

    /**
     * The value at the path, or null when it or anything on the way is missing. A certificate path
     * gives the number of the first certificate of that type with a non-blank number.
     */
    public Object get(TraceEvent event) {
        if (event == null) {
            return null;
        }
        if (certificate != null) {
            if (event.getCertificates() == null) {
                return null;
            }
            for (Certificate c : event.getCertificates().getCertificate()) {
                if (c.getType() == certificate && c.getNumber() != null && !c.getNumber().isBlank()) {
                    return c.getNumber();
                }
            }
            return null;
        }
        Object target = event;
        for (Hop hop : hops) {
            target = hop.getter.get(target);
            if (target == null) {
                return null;
            }
        }
        return leafGetter.get(target);
    }

    /** Whether the path carries a value: not null, not blank text, not an empty list, not a quantity or price without amount. */
    public boolean isPresent(TraceEvent event) {
        return present(get(event));
    }

    /** Whether a value read with {@link #get} counts as present (see {@link #isPresent}). */
    public static boolean present(Object value) {
        if (value instanceof String text) {
            return !text.isBlank();
        }
        if (value instanceof List<?> list) {
            return !list.isEmpty();
        }
        if (value instanceof Inputs inputs) {
            return !inputs.getInput().isEmpty();
        }
        if (value instanceof Quantity quantity) {
            return quantity.getValue() != null;
        }
        if (value instanceof Price price) {
            return price.getValue() != null;
        }
        return value != null;
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        Field f = type.getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }

    @Override
    public String toString() {
        return path;
    }
}
