package org.tracehub.hub.config;

/** The codes of the starts refused on a wrong setting ({@link StartRefusedException}): stable, for runbooks and searches. */
public final class StartRefusalCodes {

    /** The demo profile, with its published passwords, on a public address or a shared database. */
    public static final String DEMO_PROFILE_REFUSED = "DEMO_PROFILE_REFUSED";
    /** server.forward-headers-strategy or internal-proxies would believe X-Forwarded-For from any client. */
    public static final String FORWARDED_HEADERS_UNSAFE = "FORWARDED_HEADERS_UNSAFE";
    /** An active profile the hub has no configuration for (a misspelt postgres, external-broker …). */
    public static final String PROFILE_UNKNOWN = "PROFILE_UNKNOWN";
    /** An environment variable set for a profile that is not active (HUB_DB_URL with the embedded H2 …). */
    public static final String PROFILE_VARIABLE_UNUSED = "PROFILE_VARIABLE_UNUSED";
    /** A count or size that must be at least 1. */
    public static final String SETTING_NOT_POSITIVE = "SETTING_NOT_POSITIVE";
    /** A heartbeat too slow for the node timeout: live nodes would be taken for dead. */
    public static final String HEARTBEAT_TOO_SLOW = "HEARTBEAT_TOO_SLOW";
    /** A schedule's zone that names no time zone. */
    public static final String ZONE_INVALID = "ZONE_INVALID";
    /** Another process's embedded broker holds the data directory's journal. */
    public static final String DATA_DIR_IN_USE = "DATA_DIR_IN_USE";
    /** The data directory or one of its folders cannot be created. */
    public static final String DATA_DIR_UNUSABLE = "DATA_DIR_UNUSABLE";
    /** A local or plain-http public base URL on a production database. */
    public static final String PUBLIC_BASE_URL_PROVISIONAL = "PUBLIC_BASE_URL_PROVISIONAL";
    /** The drop-box's port is taken. */
    public static final String SFTP_PORT_IN_USE = "SFTP_PORT_IN_USE";

    private StartRefusalCodes() {
    }
}
