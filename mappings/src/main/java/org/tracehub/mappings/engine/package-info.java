/**
 * The mapping engine: one raw row to one standard event or a rejection with every reason.
 */
package org.tracehub.mappings.engine;
