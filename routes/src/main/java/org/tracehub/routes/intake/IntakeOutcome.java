package org.tracehub.routes.intake;

import org.tracehub.platform.batch.BatchStatus;

/** What intake made of a file: its batch and the status it starts (or ends) with. */
public record IntakeOutcome(String batchId, BatchStatus status) {

    /** DUPLICATE, UNKNOWN_SOURCE and EMPTY end at intake and are answered with a receipt at once. */
    public boolean endsAtIntake() {
        return status == BatchStatus.DUPLICATE || status == BatchStatus.UNKNOWN_SOURCE || status == BatchStatus.EMPTY;
    }
}
