package org.tracehub.schemas.event;

import java.util.List;

/**
 * One settable leaf of the trace event, by its dotted path ({@code counterparty.uscc},
 * {@code certificates.ANIMAL_QUARANTINE}, {@code extension.meat.headCount}).
 *
 * @param path     the path a mapping spec names
 * @param kind     how a raw value is converted
 * @param enumType the code list for {@link FieldKind#CODE_LIST}, else null
 */
public record StandardField(String path, FieldKind kind, Class<? extends Enum<?>> enumType) {

    public List<String> segments() {
        return List.of(path.split("\\."));
    }
}
