/**
 * The mapping-spec format: immutable, validated descriptions of a legacy source, loaded from YAML.
 */
package org.tracehub.mappings.spec;
