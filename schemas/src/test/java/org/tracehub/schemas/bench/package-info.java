/**
 * Benchmarks run by hand (a main class, not a test): figures for the README, not pass/fail.
 */
package org.tracehub.schemas.bench;
