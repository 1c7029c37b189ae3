package org.tracehub.hub.dropbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.tracehub.hub.metrics.HubMetrics;
import org.tracehub.platform.storage.DiskFloor;
import org.tracehub.hub.sftp.DropBoxAccount;
import org.tracehub.hub.sftp.DropBoxServer;
import org.tracehub.hub.sftp.DropBoxSettings;
import org.tracehub.hub.sftp.LoginLockout;
import org.tracehub.hub.sftp.UploadNotTakenException;
import org.tracehub.platform.batch.Transport;
import org.tracehub.platform.storage.HubStorage;
import org.tracehub.routes.intake.IntakeEndpoints;
import org.tracehub.routes.intake.IntakeHeaders;
import org.tracehub.routes.intake.InboxUploads;
import org.tracehub.routes.intake.IntakeStaging;
import org.tracehub.routes.intake.TakenFile;

/**
 * Runs the embedded SFTP drop-box with the hub: it starts after Camel (so no completed upload can
 * arrive before intake listens) and stops before it. Each completed upload is taken (batch id,
 * moved into {@code inbox/.taken/}) before the client hears that its close or rename succeeded, so
 * a hub that stops right after still finds it; then it goes to intake.
 */
@Component
public class DropBoxLifecycle implements SmartLifecycle, InboxUploads {

    /** The drop-box's host key, in the data directory's {@code ssh/}. */
    public static final String HOST_KEY_FILE = "host-key.pem";

    private static final Logger log = LoggerFactory.getLogger(DropBoxLifecycle.class);

    private final DropBoxServer server;
    private final String listenAddress;
    private final boolean enabled;
    private final IntakeStaging staging;
    private final ProducerTemplate producer;

    public DropBoxLifecycle(DropBoxProperties properties, HubStorage storage, IntakeStaging staging, ProducerTemplate producer,
                            HubMetrics metrics, LoginLockout lockout, Clock clock, JdbcClient jdbc, DiskFloor diskFloor) {
        List<DropBoxAccount> accounts = properties.getAccounts().entrySet().stream()
                .map(e -> new DropBoxAccount(e.getKey(), e.getValue().getPasswordHash(), e.getValue().getAuthorizedKeys()))
                .toList();
        Path hostKey = storage.dataDir().resolve("ssh").resolve(HOST_KEY_FILE);
        DropBoxSettings settings = new DropBoxSettings(properties.getPort(), properties.getHost(), storage.dropBoxRoot(),
                hostKey, properties.getIdleTimeout(), accounts, properties.limits());
        this.enabled = properties.isEnabled();
        this.listenAddress = properties.getHost() + ":" + properties.getPort();
        if (enabled) {
            // before anything could generate a key: a restore that forgot ssh/ stops here, not at every sender
            if (HostKeyRestoreGuard.check(hostKey, properties.isAllowNewHostKey(),
                    () -> jdbc.sql("SELECT id FROM batch FETCH FIRST 1 ROWS ONLY").query(String.class).optional().isPresent())) {
                log.warn("The drop-box's host key {} was missing beside existing batches and a new one is generated "
                        + "(hub.sftp.allow-new-host-key=true): give every sender the new fingerprint, logged when the drop-box "
                        + "listens, and remove the setting", hostKey);
            }
        }
        this.staging = staging;
        this.producer = producer;
        // the lockout HTTP sign-in shares (SecurityConfiguration): guesses over either count against both
        this.server = new DropBoxServer(settings, this::uploadCompleted, lockout, clock, diskFloor);
        this.server.onLoginRefused(metrics::sftpLoginRefused);
    }

    public DropBoxServer server() {
        return server;
    }

    /** Intake's question before it moves an inbox file itself: is a sender uploading that name right now? */
    @Override
    public boolean unlessUploading(String sourceId, Path file, FileAction action) throws IOException {
        return server.unlessUploading(sourceId, file, action);
    }

    /**
     * Takes the upload before the client hears that it succeeded. A file that cannot be taken is refused to the client
     * (its close or rename fails): handed on as it lay in the inbox, it had only the retries of an in-memory queue, and
     * once they ran out (a disk full for a minute) or the hub stopped, nothing would ever take it up again, while the
     * sender believed it delivered and a later upload of the same name replaced it.
     */
    private void uploadCompleted(String sourceId, Path file) throws UploadNotTakenException {
        Optional<TakenFile> taken;
        try {
            taken = staging.take(sourceId, file, file.getFileName().toString(), Transport.SFTP);
        } catch (Exception e) {
            log.error("cannot take {} of {}; its upload is refused, the sender must send it again", file.getFileName(), sourceId, e);
            throw UploadNotTakenException.storageFailed(e);
        }
        taken.ifPresent(t -> producer.sendBodyAndHeaders(IntakeEndpoints.FILE_RECEIVED, null, Map.of(
                IntakeHeaders.SOURCE_ID, sourceId,
                IntakeHeaders.BATCH_ID, t.batchId(),
                IntakeHeaders.TRANSPORT, Transport.SFTP.name())));
    }

    /**
     * Uploads are handed to Camel, whose routes start with the context's refresh event — after
     * the lifecycle phases. Listening before that would fail the first seconds' uploads, so the
     * drop-box opens once the application is ready; it still stops as a lifecycle bean.
     */
    @EventListener(ApplicationReadyEvent.class)
    public void applicationReady() {
        if (!isRunning()) {
            start();
        }
    }

    @Override
    public boolean isAutoStartup() {
        return false;
    }

    @Override
    public void start() {
        if (enabled) {
            try {
                server.start();
            } catch (UncheckedIOException e) {
                if (e.getCause() instanceof BindException) {
                    // taken since SftpPortCheck found it free: the hub stops after its start, with the same refusal
                    throw SftpPortInUse.refusal(listenAddress, e);
                }
                throw e;
            }
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

    /** Stops early among the lifecycle beans, before the broker and the database it hands uploads to. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 2048;
    }
}
