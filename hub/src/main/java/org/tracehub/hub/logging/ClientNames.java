package org.tracehub.hub.logging;

/**
 * A name a client chose (a sign-in name) as a log line shows it: cut to {@link #SHOWN} characters, with its full length,
 * so that names of kilobytes sent again and again cannot fill the log. A sign-in name that is no account is shown by its
 * length alone ({@link #signInName}): it is often a password typed into the name field, or a person's name or phone
 * number, and the log is kept for 90 days.
 */
public final class ClientNames {

    static final int SHOWN = 64;

    private ClientNames() {
    }

    /** A sign-in name: an account's as {@link #shown(String)}, any other as 未知用户 with its length only. */
    public static String signInName(String name, boolean knownAccount) {
        return knownAccount ? shown(name) : "未知用户/unknown user (" + (name == null ? 0 : name.length()) + " chars)";
    }

    public static String shown(String name) {
        if (name == null || name.length() <= SHOWN) {
            return name;
        }
        return name.substring(0, SHOWN) + "…(" + name.length() + " chars)";
    }
}
