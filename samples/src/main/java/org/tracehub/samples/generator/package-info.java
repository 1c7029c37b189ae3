/**
 * Writes N-row versions of a source's sample export (CSV in any charset, XLSX streamed with SXSSF,
 * XLS with HSSF, XML with StAX) for benchmarks and load tests: deterministic for a seed, about 1 %
 * bad rows, constant memory.
 */
package org.tracehub.samples.generator;
