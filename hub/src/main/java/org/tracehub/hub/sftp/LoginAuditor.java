package org.tracehub.hub.sftp;

import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs who logged in, and who tried to but never managed before the connection ended. */
final class LoginAuditor implements SessionListener {

    private static final Logger log = LoggerFactory.getLogger(LoginAuditor.class);

    @Override
    public void sessionEvent(Session session, Event event) {
        if (event == Event.Authenticated) {
            log.info("SFTP login: user={} from={}", session.getUsername(), session.getRemoteAddress());
        }
    }

    @Override
    public void sessionClosed(Session session) {
        // A user name is only known once the client asked to authenticate; without one this was a port probe.
        if (!session.isAuthenticated() && session.getUsername() != null) {
            log.warn("SFTP login failed: user={} from={} disconnected without authenticating",
                    session.getUsername(), session.getRemoteAddress());
        }
    }
}
