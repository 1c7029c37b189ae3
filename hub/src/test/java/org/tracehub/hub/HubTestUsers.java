package org.tracehub.hub;

import org.springframework.web.client.RestClient;

/**
 * The users of src/test/resources/config/application.yml with their passwords, and HTTP
 * clients that sign in as them with HTTP Basic, as a script would.
 */
public enum HubTestUsers {

    ADMIN("admin", "admin-pass"),
    OPERATOR("operator", "operator-pass"),
    VIEWER("viewer", "viewer-pass"),
    /** A sender: role SOURCE for meat-wholesale-xj. */
    XJ_CLERK("xj-clerk", "source-pass");

    /** The source {@link #XJ_CLERK} sends for. */
    public static final String XJ_SOURCE = "meat-wholesale-xj";

    private final String username;
    private final String password;

    HubTestUsers(String username, String password) {
        this.username = username;
        this.password = password;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    /** A client for {@code baseUrl} that sends this user's credentials with every request. */
    public RestClient.Builder client(String baseUrl) {
        return RestClient.builder().baseUrl(baseUrl).defaultHeaders(h -> h.setBasicAuth(username, password));
    }

    /** The admin's client, for tests whose subject is not security. */
    public static RestClient admin(String baseUrl) {
        return ADMIN.client(baseUrl).build();
    }
}
