package org.tracehub.schemas.event;

import java.util.List;

/**
 * One settable leaf of the trace event, by its dotted path ({@code counterparty.uscc},
 * {@code certificates.ANIMAL_QUARANTINE}, {@code extension.meat.headCount}).
 *
 * @param path      the path a mapping spec names
 * @param kind      how a raw value is converted
 * @param enumType  the code list for {@link FieldKind#CODE_LIST}, else null
 * @param maxLength for {@link FieldKind#TEXT}, the most characters the XSD allows
 *                  ({@link StandardFields#CODE_MAX_LENGTH} or {@link StandardFields#TEXT_MAX_LENGTH}); else 0
 */
public record StandardField(String path, FieldKind kind, Class<? extends Enum<?>> enumType, int maxLength) {

    /** A field that is not text. */
    public StandardField(String path, FieldKind kind, Class<? extends Enum<?>> enumType) {
        this(path, kind, enumType, 0);
    }

    public List<String> segments() {
        return List.of(path.split("\\."));
    }
}
