package org.tracehub.hub.config;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.tracehub.jobs.purge.PullFetchedSources;
import org.tracehub.routes.pull.PullProperties;

/**
 * The purge's view of {@code hub.pull.sources}: the sources whose pulls move or delete what they fetch, whose records of
 * fetched files it may forget; a remembering pull's records are what keeps it from fetching its files again.
 */
@Component
class PullFetchedSourcesFromSettings implements PullFetchedSources {

    private final PullProperties pulls;

    PullFetchedSourcesFromSettings(PullProperties pulls) {
        this.pulls = pulls;
    }

    @Override
    public Set<String> movingOrDeleting() {
        return pulls.getSources().entrySet().stream()
                .filter(e -> e.getValue().getAfterFetch() != PullProperties.AfterFetch.REMEMBER)
                .map(Map.Entry::getKey)
                .collect(Collectors.toUnmodifiableSet());
    }
}
