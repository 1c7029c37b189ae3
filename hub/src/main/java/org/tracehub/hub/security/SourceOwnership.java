package org.tracehub.hub.security;

import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.tracehub.platform.batch.Batch;
import org.tracehub.platform.batch.BatchIds;
import org.tracehub.platform.batch.BatchRepository;

/**
 * Grants a sender (role SOURCE) what belongs to its own source: a path variable {@code id}
 * naming its source, or a batch of its source. Staff rules are separate managers combined
 * with these in {@link SecurityConfiguration}. A batch that does not exist is refused to a
 * sender like a foreign one, so batch ids of other sources cannot be probed.
 */
final class SourceOwnership {

    private SourceOwnership() {
    }

    /** {@code …/sources/{id}…}: granted when {@code id} is the sender's source. */
    static AuthorizationManager<RequestAuthorizationContext> ownSource() {
        return (auth, context) -> decide(auth, sourceId -> sourceId.equals(context.getVariables().get("id")));
    }

    /** {@code …/batches/{id}…}: granted when batch {@code id} came from the sender's source. */
    static AuthorizationManager<RequestAuthorizationContext> ownBatch(BatchRepository batches) {
        return (auth, context) -> decide(auth, sourceId -> {
            String batchId = context.getVariables().get("id");
            if (batchId == null || !BatchIds.isWellFormed(batchId)) {
                return false;
            }
            Optional<Batch> batch = batches.findById(batchId);
            return batch.map(b -> sourceId.equals(b.sourceId())).orElse(false);
        });
    }

    private static AuthorizationResult decide(Supplier<? extends Authentication> auth, java.util.function.Predicate<String> owns) {
        Authentication a = auth.get();
        boolean granted = a != null && a.getPrincipal() instanceof HubUser user && !user.isStaff() && user.sourceId() != null
                && owns.test(user.sourceId());
        return new AuthorizationDecision(granted);
    }
}
