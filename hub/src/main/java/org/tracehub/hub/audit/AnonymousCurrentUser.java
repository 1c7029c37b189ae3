package org.tracehub.hub.audit;

import org.springframework.stereotype.Component;

/** The acting user while the hub has no logins: everyone is "anonymous". */
@Component
public class AnonymousCurrentUser implements CurrentUser {

    public static final String NAME = "anonymous";

    @Override
    public String name() {
        return NAME;
    }
}
