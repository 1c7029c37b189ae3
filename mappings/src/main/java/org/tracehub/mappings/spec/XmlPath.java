package org.tracehub.mappings.spec;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A path into an XML export, as a spec writes it: the record element
 * ({@code /ns:root/ns:items/ns:item}, absolute) or a field relative to the record ({@code child},
 * {@code child/grandchild}, {@code @attr}, {@code child/@attr}, {@code .} for the record's own text).
 * A step with a prefix matches the namespace the spec's {@code namespaces} give that prefix; a step
 * without one matches the local name in any namespace.
 *
 * @param elements  the element steps, outermost first (empty for {@code .} or {@code @attr})
 * @param attribute the attribute at the end, or null for the element's text
 */
public record XmlPath(String text, List<Name> elements, Name attribute) {

    /** A possibly prefixed name; {@code prefix} is null when none was written. */
    public record Name(String prefix, String local) {
    }

    private static final Pattern NAME = Pattern.compile("[\\p{L}_][\\p{L}\\p{N}._\\-]*");

    public XmlPath {
        elements = List.copyOf(elements);
    }

    /** A record path: absolute, elements only. */
    public static XmlPath parseAbsolute(String text) {
        if (text == null || !text.startsWith("/") || text.startsWith("//")) {
            throw new IllegalArgumentException("must be an absolute element path such as /root/items/item");
        }
        XmlPath path = parse(text.substring(1), text);
        if (path.attribute() != null || path.elements().isEmpty()) {
            throw new IllegalArgumentException("must name elements only, such as /root/items/item");
        }
        return path;
    }

    /** A field path, relative to the record element. */
    public static XmlPath parseRelative(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("is empty");
        }
        if (text.startsWith("/")) {
            throw new IllegalArgumentException("is relative to the record element: write 'child/grandchild', not '" + text + "'");
        }
        if (".".equals(text)) {
            return new XmlPath(text, List.of(), null);
        }
        return parse(text, text);
    }

    private static XmlPath parse(String body, String text) {
        String[] steps = body.split("/", -1);
        List<Name> elements = new ArrayList<>();
        Name attribute = null;
        for (int i = 0; i < steps.length; i++) {
            String step = steps[i];
            boolean last = i == steps.length - 1;
            if (step.startsWith("@")) {
                if (!last) {
                    throw new IllegalArgumentException("an attribute (@…) can only be the last step of '" + text + "'");
                }
                attribute = name(step.substring(1), text);
            } else {
                elements.add(name(step, text));
            }
        }
        return new XmlPath(text, elements, attribute);
    }

    private static Name name(String step, String text) {
        int colon = step.indexOf(':');
        String prefix = colon < 0 ? null : step.substring(0, colon);
        String local = colon < 0 ? step : step.substring(colon + 1);
        if ((prefix != null && !NAME.matcher(prefix).matches()) || !NAME.matcher(local).matches()) {
            throw new IllegalArgumentException("'" + step + "' is not an element or attribute name in '" + text
                    + "' (steps are names separated by '/', an attribute is '@name'; no predicates or wildcards)");
        }
        return new Name(prefix, local);
    }

    /** The prefixes this path uses, which the spec's {@code namespaces} must declare. */
    public Set<String> prefixes() {
        Set<String> prefixes = new LinkedHashSet<>();
        elements.forEach(n -> {
            if (n.prefix() != null) {
                prefixes.add(n.prefix());
            }
        });
        if (attribute != null && attribute.prefix() != null) {
            prefixes.add(attribute.prefix());
        }
        return prefixes;
    }

    @Override
    public String toString() {
        return text;
    }
}
