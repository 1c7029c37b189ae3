/**
 * The trace event as a vocabulary of field paths, deterministic event ids, and the standard's rules.
 */
package org.tracehub.schemas.event;
