package org.tracehub.mappings.spec;

import org.tracehub.schemas.standard.v1.NodeType;

/** The operator every row of a source reports as, unless a row names its own. */
public record OperatorDefaults(String uscc, String name, String nodeCode, NodeType nodeType) {
}
