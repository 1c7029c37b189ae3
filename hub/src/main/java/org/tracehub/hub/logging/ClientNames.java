package org.tracehub.hub.logging;

/**
 * A name a client chose (a sign-in name) as a log line shows it: cut to {@link #SHOWN} characters, with its full length,
 * so that names of kilobytes sent again and again cannot fill the log.
 */
public final class ClientNames {

    static final int SHOWN = 64;

    private ClientNames() {
    }

    public static String shown(String name) {
        if (name == null || name.length() <= SHOWN) {
            return name;
        }
        return name.substring(0, SHOWN) + "…(" + name.length() + " chars)";
    }
}
