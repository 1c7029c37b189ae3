package org.tracehub.schemas.validation;

/** Checks one kind of identifier by its published structure and check algorithm. */
@FunctionalInterface
public interface IdentifierValidator {

    ValidationResult validate(String value);
}
