package org.tracehub.hub.sftp;

import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs successful logins, whatever the method. Failed attempts are logged by the authenticators, which see every name
 * and credential tried, even when the client gives up without a final answer.
 */
final class LoginAuditor implements SessionListener {

    private static final Logger log = LoggerFactory.getLogger(LoginAuditor.class);

    @Override
    public void sessionEvent(Session session, Event event) {
        if (event == Event.Authenticated) {
            log.info("SFTP login: user={} from={}", session.getUsername(), session.getRemoteAddress());
        }
    }
}
