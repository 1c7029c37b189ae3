package org.tracehub.schemas.validation;

/** How bad a finding is: an error rejects the row, a warning is reported but the row is accepted. */
public enum Severity {
    ERROR,
    WARNING
}
