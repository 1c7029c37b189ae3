package org.tracehub.jobs.sync;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * What a sync run reports: per source, the batches received in the window before the run (files),
 * their rows read and rejected, those now FAILED, those still waiting STAGED, and what this run did
 * (loads that succeeded or failed, whether a pull was requested).
 */
public record SyncSummary(OffsetDateTime runAt, OffsetDateTime windowFrom, String sources, List<Source> perSource) {

    /** One source's line. */
    public record Source(String sourceId, long files, long rows, long rejects, long failures, long staged, long loaded,
                         long loadFailures, boolean pullRequested) {
    }

    public Source totals() {
        return new Source("*", perSource.stream().mapToLong(Source::files).sum(), perSource.stream().mapToLong(Source::rows).sum(),
                perSource.stream().mapToLong(Source::rejects).sum(), perSource.stream().mapToLong(Source::failures).sum(),
                perSource.stream().mapToLong(Source::staged).sum(), perSource.stream().mapToLong(Source::loaded).sum(),
                perSource.stream().mapToLong(Source::loadFailures).sum(), perSource.stream().anyMatch(Source::pullRequested));
    }

    /**
     * The JSON published on {@code hub.sync.completed}. Written by hand like the batch report: every
     * string in it is a source id ({@code [a-z0-9-]}), a timestamp or a fixed word.
     */
    public String toJson() {
        StringBuilder sb = new StringBuilder("{\"runAt\":\"").append(runAt).append("\",\"windowFrom\":\"").append(windowFrom)
                .append("\",\"sources\":\"").append(sources).append("\",\"perSource\":[");
        for (int i = 0; i < perSource.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(json(perSource.get(i)));
        }
        return sb.append("],\"totals\":").append(json(totals())).append('}').toString();
    }

    private static String json(Source s) {
        return "{\"sourceId\":\"" + s.sourceId() + "\",\"files\":" + s.files() + ",\"rows\":" + s.rows() + ",\"rejects\":"
                + s.rejects() + ",\"failures\":" + s.failures() + ",\"staged\":" + s.staged() + ",\"loaded\":" + s.loaded()
                + ",\"loadFailures\":" + s.loadFailures() + ",\"pullRequested\":" + s.pullRequested() + "}";
    }
}
