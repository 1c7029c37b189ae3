package org.tracehub.routes.receipt;

import org.tracehub.platform.batch.Batch;
import org.tracehub.platform.batch.RowProblem;

/**
 * Everything a receipt says: the batch, its outcome, and each problem row. The problems are
 * iterated once per format, each time read afresh from the store a page at a time
 * ({@code BatchErrorRepository.problemsOf}), so a receipt never holds them all.
 */
public record Receipt(Batch batch, Iterable<RowProblem> problems) {
}
