package org.tracehub.schemas.event;

import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.tracehub.schemas.standard.v1.TraceEvent;
import org.tracehub.schemas.validation.ErrorCodes;

/**
 * One entry of the required-field table: at least one of the paths must carry a non-blank value.
 * A single path is a plain required field; several are a "one of" group (e.g. the animal
 * quarantine or the meat-quality certificate).
 *
 * @param anyOf     the paths, the first of which is the one a finding names
 * @param exemption when the event need not carry them, or null
 */
public record Requirement(List<String> anyOf, Exemption exemption) {

    /**
     * An event the requirement does not apply to, for a reason of the trade (a detained lot gets no certificate).
     *
     * @param description for the README's table, in English
     * @param applies     true for an exempt event
     */
    public record Exemption(String description, Predicate<TraceEvent> applies) {
    }

    public Requirement {
        if (anyOf.isEmpty()) {
            throw new IllegalArgumentException("a requirement names at least one field");
        }
        anyOf = List.copyOf(anyOf);
    }

    public static Requirement of(String... paths) {
        return new Requirement(List.of(paths), null);
    }

    /** The same requirement, not applied to the events of the exemption. */
    public Requirement unless(Exemption exempt) {
        return new Requirement(anyOf, exempt);
    }

    /** True when this event need not meet the requirement. */
    public boolean exempts(TraceEvent event) {
        return exemption != null && exemption.applies().test(event);
    }

    /** The field a finding is reported on: the first of the group. */
    public String field() {
        return anyOf.get(0);
    }

    /** {@code CERTIFICATE_REQUIRED} when every path is a certificate, else {@code FIELD_REQUIRED}. */
    public String code() {
        return anyOf.stream().allMatch(p -> p.startsWith(StandardFields.CERTIFICATES_PREFIX))
                ? ErrorCodes.CERTIFICATE_REQUIRED : ErrorCodes.FIELD_REQUIRED;
    }

    /** What the clerk reads: the missing field's Chinese name, or the group's names joined by 或. */
    public String message() {
        if (anyOf.size() == 1) {
            return "缺少必填项：" + FieldNames.chineseName(field());
        }
        return "缺少必填项：" + anyOf.stream().map(FieldNames::chineseName).collect(Collectors.joining("或")) + "（至少填写一项）";
    }
}
