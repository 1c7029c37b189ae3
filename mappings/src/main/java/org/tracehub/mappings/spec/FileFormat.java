package org.tracehub.mappings.spec;

/** The formats legacy systems export. */
public enum FileFormat {
    CSV,
    XLS,
    XLSX,
    XML
}
