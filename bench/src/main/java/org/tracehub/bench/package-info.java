/**
 * The benchmark harness (bench/README.md): {@link org.tracehub.bench.BenchRunner} generates the files,
 * runs every case as its own JVM under {@code /usr/bin/time -v} with a GC log, and prints one table.
 */
package org.tracehub.bench;
