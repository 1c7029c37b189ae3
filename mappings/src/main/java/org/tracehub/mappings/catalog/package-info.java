/**
 * All known sources: the built-in specs and those of an external folder.
 */
package org.tracehub.mappings.catalog;
