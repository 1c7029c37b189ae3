package org.tracehub.jobs.purge;

import java.util.Set;

/**
 * The sources whose pulls move or delete the remote files they fetch (hub.pull.sources.*.after-fetch MOVE or DELETE),
 * whose records of fetched files the purge may forget after the archive retention ({@link RowPurgeTasklet#pullFetched}).
 * The hub provides it from its pull settings; without one (a node that pulls nothing) no record is forgotten.
 */
@FunctionalInterface
public interface PullFetchedSources {

    Set<String> movingOrDeleting();
}
