package org.tracehub.platform.trace;

/**
 * A loaded row whose trace code already holds events of another source that is neither the row's own business nor its
 * trading partner: lookups are by code alone, so a consumer's scan shows both as one chain. The row is loaded; the load
 * says so on it.
 *
 * The other source is named by its id alone: sources are the hub's configured senders, while the operator it reported
 * may be a person (a stall holder, a farmer), whose name an unrelated sender must not learn from a warning.
 *
 * @param row         the loaded row
 * @param traceCode   its trace code
 * @param otherSource the other source (the first by id, when several)
 */
public record SharedTraceCode(long row, String traceCode, String otherSource) {
}
