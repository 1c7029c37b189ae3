package org.tracehub.hub.security;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;

/** A signed-in hub user: its roles and, for a sender, the one source it may see. */
public class HubUser extends User {

    private final Set<HubRole> roles;
    private final String sourceId;

    public HubUser(String username, String passwordHash, Set<HubRole> roles, String sourceId) {
        super(username, passwordHash, authorities(roles));
        this.roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
        this.sourceId = sourceId;
    }

    public Set<HubRole> roles() {
        return roles;
    }

    /** The source a SOURCE user sends for; null for staff. */
    public String sourceId() {
        return sourceId;
    }

    /** Staff (ADMIN, OPERATOR, VIEWER) read every source; a sender only its own. */
    public boolean isStaff() {
        return roles.contains(HubRole.ADMIN) || roles.contains(HubRole.OPERATOR) || roles.contains(HubRole.VIEWER);
    }

    private static Collection<GrantedAuthority> authorities(Set<HubRole> roles) {
        return roles.stream().<GrantedAuthority>map(r -> new SimpleGrantedAuthority(r.authority())).toList();
    }
}
