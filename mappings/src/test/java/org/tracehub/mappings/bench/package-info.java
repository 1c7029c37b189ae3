/**
 * Benchmarks run by hand (a {@code main}, never by surefire): they print figures, they do not assert.
 */
package org.tracehub.mappings.bench;
