package org.tracehub.hub.console;

import java.util.List;
import org.tracehub.hub.config.SpecSources;
import org.tracehub.hub.dropbox.PullWarningText;
import org.tracehub.mappings.spec.MappingSpec;
import org.tracehub.platform.batch.Batch;
import org.tracehub.routes.pull.PullProperties;
import org.tracehub.routes.pull.PullStatus;
import org.tracehub.routes.pull.PullWarning;

/**
 * A source as the console shows it: its spec, its last batch, how it sends files. A source the hub knows from a drop-box
 * account or a pull but that has no spec yet is shown too (its files end UNKNOWN_SOURCE until one is added).
 *
 * @param spec          its mapping spec, or null when it has none
 * @param sftpAccount   whether the drop-box has an account for it
 * @param sftpKeys      how many public keys its account accepts
 * @param inboxWaiting  files in its inbox not taken in yet (uploads in progress included)
 * @param pull          its pull from a legacy server, or null when it has none
 * @param pullStatus    how its pulls went, or null before the first
 * @param pullWarning   files its pulls left on the legacy server (what makes the {@code pulls} health DEGRADED), or null
 * @param refusedSpecs  its spec files in {@code hub.sources-dir} that the hub refused at their last change: what they say
 *                      is not what {@code spec} does
 */
public record SourceStatus(String id, MappingSpec spec, Batch lastBatch, boolean sftpAccount, boolean sftpPassword, int sftpKeys,
                           boolean dropBoxRunning, long inboxWaiting, PullProperties.Source pull, PullStatus pullStatus,
                           PullWarning pullWarning, List<SpecSources.RefusedFile> refusedSpecs) {

    public boolean hasSpec() {
        return spec != null;
    }

    public boolean hasRefusedSpec() {
        return !refusedSpecs.isEmpty();
    }

    /** The pull's warning in Chinese, as the API says it; null without one. */
    public String pullWarningText() {
        return pullWarning == null ? null : PullWarningText.of(pullWarning);
    }
}
