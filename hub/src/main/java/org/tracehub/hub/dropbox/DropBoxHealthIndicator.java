package org.tracehub.hub.dropbox;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;
import org.tracehub.hub.sftp.DropBoxHealth;

/** {@code /actuator/health} component {@code sftp}: the drop-box listens, on which port, with which host key. */
@Component("sftp")
public class DropBoxHealthIndicator implements HealthIndicator {

    private final DropBoxHealth health;

    public DropBoxHealthIndicator(DropBoxLifecycle lifecycle) {
        this.health = new DropBoxHealth(lifecycle.server());
    }

    @Override
    public Health health() {
        DropBoxHealth.Status s = health.check();
        Health.Builder b = s.up() ? Health.up() : Health.down();
        return b.withDetail("port", s.port()).withDetail("hostKey", String.valueOf(s.hostKeyFingerprint())).build();
    }
}
