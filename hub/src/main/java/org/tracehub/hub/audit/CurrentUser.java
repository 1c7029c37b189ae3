package org.tracehub.hub.audit;

/**
 * The user acting in the current request, as the audit log names them. Until the console has
 * logins every request is {@link AnonymousCurrentUser#NAME}; the security step replaces
 * {@link AnonymousCurrentUser} with an implementation reading the authenticated principal.
 */
public interface CurrentUser {

    String name();
}
