package org.tracehub.hub.audit;

/**
 * The user acting in the current request, as the audit log names them; implemented from the
 * signed-in principal by {@code org.tracehub.hub.security.SecurityCurrentUser}.
 */
public interface CurrentUser {

    String name();
}
