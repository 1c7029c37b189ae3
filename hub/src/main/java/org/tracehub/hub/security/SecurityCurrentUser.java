package org.tracehub.hub.security;

import java.util.Optional;

import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.tracehub.hub.audit.CurrentUser;

/** The user of the current request, from Spring Security's context. */
@Component
public class SecurityCurrentUser implements CurrentUser {

    /** What the audit log writes when nobody is signed in (public pages, refused requests). */
    public static final String ANONYMOUS = "anonymous";

    private final RoleHierarchy hierarchy;

    public SecurityCurrentUser(RoleHierarchy hierarchy) {
        this.hierarchy = hierarchy;
    }

    @Override
    public String name() {
        Authentication auth = authentication();
        return auth == null ? ANONYMOUS : auth.getName();
    }

    /** Whether someone signed in (Basic or the console's form) makes this request. */
    public boolean signedIn() {
        return authentication() != null;
    }

    /** The signed-in hub user, if any. */
    public Optional<HubUser> user() {
        Authentication auth = authentication();
        return auth != null && auth.getPrincipal() instanceof HubUser user ? Optional.of(user) : Optional.empty();
    }

    /**
     * The only source this user may see, for a sender; empty for staff. Lists filter by it, so a
     * sender asking for all batches gets its own.
     */
    public Optional<String> restrictedSource() {
        return user().filter(u -> !u.isStaff()).map(HubUser::sourceId);
    }

    /** Whether the user holds the role, counting the staff hierarchy the security rules use. */
    public boolean has(HubRole role) {
        Authentication auth = authentication();
        return auth != null && hierarchy.getReachableGrantedAuthorities(auth.getAuthorities()).stream()
                .anyMatch(a -> role.authority().equals(a.getAuthority()));
    }

    private static Authentication authentication() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null || auth instanceof AnonymousAuthenticationToken || !auth.isAuthenticated() ? null : auth;
    }
}
