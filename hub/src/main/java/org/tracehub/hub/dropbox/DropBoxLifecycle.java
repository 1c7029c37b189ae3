package org.tracehub.hub.dropbox;

import java.util.List;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.tracehub.hub.sftp.DropBoxAccount;
import org.tracehub.hub.sftp.DropBoxServer;
import org.tracehub.hub.sftp.DropBoxSettings;
import org.tracehub.platform.batch.Transport;
import org.tracehub.platform.storage.HubStorage;
import org.tracehub.routes.intake.IntakeEndpoints;
import org.tracehub.routes.intake.IntakeHeaders;

/**
 * Runs the embedded SFTP drop-box with the hub: it starts after Camel (so no completed upload can
 * arrive before intake listens) and stops before it. Each completed upload goes to intake.
 */
@Component
public class DropBoxLifecycle implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DropBoxLifecycle.class);

    private final DropBoxServer server;
    private final boolean enabled;

    public DropBoxLifecycle(DropBoxProperties properties, HubStorage storage, ProducerTemplate producer) {
        List<DropBoxAccount> accounts = properties.getAccounts().entrySet().stream()
                .map(e -> new DropBoxAccount(e.getKey(), e.getValue().getPasswordHash(), e.getValue().getAuthorizedKeys()))
                .toList();
        DropBoxSettings settings = new DropBoxSettings(properties.getPort(), properties.getHost(), storage.dropBoxRoot(),
                storage.dataDir().resolve("ssh").resolve("host-key.pem"), properties.getIdleTimeout(), accounts);
        this.enabled = properties.isEnabled();
        this.server = new DropBoxServer(settings, (sourceId, file) -> producer.sendBodyAndHeaders(IntakeEndpoints.FILE_RECEIVED, null,
                java.util.Map.of(IntakeHeaders.SOURCE_ID, sourceId,
                        IntakeHeaders.FILE_PATH, file.toString(),
                        IntakeHeaders.TRANSPORT, Transport.SFTP.name())));
    }

    public DropBoxServer server() {
        return server;
    }

    @Override
    public void start() {
        if (enabled) {
            server.start();
            log.info("SFTP drop-box listening on port {} (host key {})", server.port(), server.hostKeyFingerprint());
        }
    }

    @Override
    public void stop() {
        server.stop();
    }

    @Override
    public boolean isRunning() {
        return server.isRunning();
    }

    /** After Camel's routes (which start in the default phase), before the web server takes traffic. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 2048;
    }
}
