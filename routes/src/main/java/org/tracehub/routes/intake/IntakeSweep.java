package org.tracehub.routes.intake;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Which taken files the sweep hands back to intake. */
@Component
public class IntakeSweep {

    private final IntakeStaging staging;
    private final Duration interval;
    private final Duration grace;
    // whatever was taken before this start has no exchange of this node left working on it
    private final Instant started = Instant.now();

    /**
     * @param grace {@code hub.routes.intake-sweep-grace}: how long a taken folder must have been left unchanged before the
     *              sweep looks at it. Nodes sharing the data dir do not see each other's claims: a folder another node is
     *              filling (an HTTP upload streaming, a drop-box take between its note and its move) is left alone for
     *              this long after its last change
     */
    public IntakeSweep(IntakeStaging staging, @Value("${hub.routes.intake-sweep-interval:5m}") Duration interval,
                       @Value("${hub.routes.intake-sweep-grace:5m}") Duration grace) {
        this.staging = staging;
        this.interval = interval;
        this.grace = grace;
    }

    /**
     * Taken files no exchange is working on, in folders unchanged for the grace period, that were taken before the hub
     * started or at least one sweep interval ago (a file taken a moment ago is still on its way through the queue).
     */
    public List<TakenFile> waiting() throws IOException {
        Instant now = Instant.now();
        Instant settled = now.minus(interval);
        return staging.pending(now.minus(grace)).stream()
                .filter(t -> !staging.isClaimed(t.batchId()))
                .filter(t -> {
                    Instant takenAt = takenAt(t);
                    return takenAt.isBefore(started) || !takenAt.isAfter(settled);
                })
                .toList();
    }

    private Instant takenAt(TakenFile taken) {
        try {
            return staging.takenAt(taken);
        } catch (IOException goneMeanwhile) {
            return Instant.MAX; // released since it was listed
        }
    }
}
