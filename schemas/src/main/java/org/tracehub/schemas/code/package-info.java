/**
 * The standard's code lists (categories, steps, node types, certificate types, test results):
 * the generated enums and their Chinese names.
 */
package org.tracehub.schemas.code;
