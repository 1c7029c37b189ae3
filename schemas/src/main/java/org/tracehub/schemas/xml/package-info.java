/**
 * The standard's XML binding: secure parsing, single events, and streaming documents.
 */
package org.tracehub.schemas.xml;
