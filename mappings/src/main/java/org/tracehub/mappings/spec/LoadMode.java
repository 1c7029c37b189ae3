package org.tracehub.mappings.spec;

/** When a source's staged events are loaded into the platform store. */
public enum LoadMode {
    /** right after conversion */
    ON_ARRIVAL,
    /** by the nightly sync */
    NIGHTLY
}
