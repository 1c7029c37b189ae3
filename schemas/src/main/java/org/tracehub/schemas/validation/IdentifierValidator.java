package org.tracehub.schemas.validation;

import java.time.OffsetDateTime;

/** Checks one kind of identifier by its published structure and check algorithm. */
@FunctionalInterface
public interface IdentifierValidator {

    ValidationResult validate(String value);

    /**
     * The value as of the event that carries it ({@code eventTime} may be null: a spec's constant, an event without a
     * time): a code valid then is valid on the event even if it is not today. Most identifiers do not age, and are
     * checked as {@link #validate(String)}.
     */
    default ValidationResult validate(String value, OffsetDateTime eventTime) {
        return validate(value);
    }
}
