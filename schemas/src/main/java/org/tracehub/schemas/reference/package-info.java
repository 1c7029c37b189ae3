/**
 * The standard's reference tables (fields, required fields, types, code lists, units) rendered as
 * Markdown from the code and the XSD, so that the README cannot drift from what is enforced.
 */
package org.tracehub.schemas.reference;
