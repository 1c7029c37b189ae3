package org.tracehub.routes.receipt;

import java.util.List;
import org.tracehub.platform.batch.Batch;
import org.tracehub.platform.batch.RowProblem;

/** Everything a receipt says: the batch, its outcome, and each problem row. */
public record Receipt(Batch batch, List<RowProblem> problems) {
}
