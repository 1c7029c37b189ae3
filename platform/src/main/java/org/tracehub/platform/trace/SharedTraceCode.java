package org.tracehub.platform.trace;

/**
 * A loaded row whose trace code already holds events of another source that is neither the row's own business nor its
 * trading partner: lookups are by code alone, so a consumer's scan shows both as one chain. The row is loaded; the load
 * says so on it.
 *
 * @param row           the loaded row
 * @param traceCode     its trace code
 * @param otherSource   the other source (the first by id, when several)
 * @param otherOperator that source's operator on the code, by name (or credit code), or null when it reported neither
 */
public record SharedTraceCode(long row, String traceCode, String otherSource, String otherOperator) {
}
