/**
 * Benchmarks run by hand (main classes, not tests): the trace-chain query on a city-sized store.
 */
package org.tracehub.platform.bench;
