package org.tracehub.hub.sftp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.password.UserAuthPasswordFactory;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.server.channel.ChannelSessionFactory;
import org.apache.sshd.server.forward.RejectAllForwardingFilter;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracehub.platform.storage.DiskFloor;
import org.tracehub.routes.intake.InboxUploads;

/**
 * The embedded SFTP drop-box: one account per source, each chrooted to {@code <root>/<sourceId>}, uploads into
 * {@code inbox/} only, {@code outbox/} read-only, SFTP and nothing else (no shell, exec or forwarding), within the
 * {@link DropBoxLimits} (file size, files per hour, lockout after failed logins).
 *
 * <p>Can be started again after {@link #stop()}; each start builds a fresh MINA server on the same host key.
 */
public final class DropBoxServer implements InboxUploads {

    private static final Logger log = LoggerFactory.getLogger(DropBoxServer.class);

    private final DropBoxSettings settings;
    private final DropBoxLayout layout;
    private final AccountRegistry accounts;
    private final PersistentHostKey hostKey;
    private final UploadCompletedListener listener;
    private final LoginLockout lockout;
    private final UploadLimits uploadLimits;
    // one registry for the server's life: intake may hold a name before the server first listens (its sweep at start-up)
    private final OpenUploads openUploads = new OpenUploads();

    // tests add one to hold a request inside the server at a chosen moment; after the drop-box's own
    private final List<SftpEventListener> testListeners = new CopyOnWriteArrayList<>();

    private SshServer sshd;
    private volatile Consumer<String> loginRefused = method -> { };

    /**
     * @throws IllegalArgumentException if an account's authorized key cannot be parsed
     */
    /**
     * Told of every refused login with its method ("password" or "publickey"): a wrong or unknown
     * password, or any attempt while the account or address is locked (metrics).
     */
    public void onLoginRefused(Consumer<String> listener) {
        this.loginRefused = Objects.requireNonNull(listener, "listener");
    }

    public DropBoxServer(DropBoxSettings settings, UploadCompletedListener listener) {
        this(settings, listener, Clock.systemUTC());
    }

    /** With the clock that times lockouts and the files-per-hour window (tests move it). */
    DropBoxServer(DropBoxSettings settings, UploadCompletedListener listener, Clock clock) {
        // kept across stop and start, so a restart of the server does not lift a lock
        this(settings, listener, new LoginLockout(settings.limits().maxFailedLogins(),
                settings.limits().maxFailedLoginsPerAddress(), settings.limits().lockout(), clock), clock);
    }

    /**
     * With a lockout shared with HTTP sign-in (the hub's: a drop-box account is also an HTTP user with the same
     * password), and the clock of the files-per-hour window.
     */
    public DropBoxServer(DropBoxSettings settings, UploadCompletedListener listener, LoginLockout lockout, Clock clock) {
        this(settings, listener, lockout, clock, DiskFloor.NONE);
    }

    /** And the free space below which no upload is taken ({@code hub.intake.min-disk-free}). */
    public DropBoxServer(DropBoxSettings settings, UploadCompletedListener listener, LoginLockout lockout, Clock clock,
                         DiskFloor diskFloor) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.layout = new DropBoxLayout(settings.root());
        this.accounts = new AccountRegistry(settings.accounts());
        this.hostKey = new PersistentHostKey(settings.hostKeyFile());
        this.lockout = Objects.requireNonNull(lockout, "lockout");
        this.uploadLimits = new UploadLimits(settings.limits(), clock, Objects.requireNonNull(diskFloor, "diskFloor"));
    }

    /**
     * Counts an upload that came another way (the HTTP upload) against the source's files per hour, in the same count as
     * its SFTP uploads, whether or not the drop-box listens.
     *
     * @return empty when counted; when the source has reached {@link DropBoxLimits#maxFilesPerHour()} within the last
     *         hour, how long until the hour lets its next file in (nothing is counted: refuse it)
     */
    public Optional<Duration> countUpload(String sourceId) {
        return uploadLimits.tryCount(sourceId);
    }

    /** Takes back a {@link #countUpload} whose file the hub then failed to store: the sender's retry is no extra file. */
    public void uncountUpload(String sourceId) {
        uploadLimits.uncount(sourceId);
    }

    /**
     * Creates the account folders and the host key if missing, then listens.
     *
     * @throws UncheckedIOException if a folder cannot be created or the port cannot be bound
     */
    public synchronized void start() {
        if (sshd != null) {
            return;
        }
        SshServer server = build();
        try {
            server.start();
        } catch (IOException e) {
            closeQuietly(server);
            throw new UncheckedIOException(
                    "SFTP drop-box cannot listen on " + settings.host() + ":" + settings.port(), e);
        }
        sshd = server;
        log.info("SFTP drop-box listening on {}:{} for {} source(s), root={}, host key {}",
                settings.host(), port(), accounts.all().size(), layout.root(), hostKeyFingerprint());
    }

    public synchronized void stop() {
        if (sshd == null) {
            return;
        }
        SshServer server = sshd;
        sshd = null;
        try {
            // Immediately: an upload cut off here is never reported, so there is nothing to wait for.
            server.stop(true);
            log.info("SFTP drop-box stopped");
        } catch (IOException e) {
            log.warn("SFTP drop-box did not stop cleanly", e);
        }
    }

    /** Whether the server is started and its listening socket is bound. */
    public synchronized boolean isRunning() {
        return sshd != null && sshd.isStarted() && !sshd.getBoundAddresses().isEmpty();
    }

    /**
     * The port actually listened on, useful when the settings asked for port 0.
     *
     * @throws IllegalStateException when the server is not running
     */
    public synchronized int port() {
        if (!isRunning()) {
            throw new IllegalStateException("SFTP drop-box is not running");
        }
        for (SocketAddress address : sshd.getBoundAddresses()) {
            if (address instanceof InetSocketAddress inet) {
                return inet.getPort();
            }
        }
        return sshd.getPort();
    }

    /** {@code SHA256:…} fingerprint of the host key; generates the key file if it does not exist yet. */
    public String hostKeyFingerprint() {
        return hostKey.fingerprint();
    }

    /**
     * Runs {@code action} on an inbox file while no upload of its name is open, refusing uploads of it meanwhile (their
     * clients send them again); a file outside the source's inbox (a pull's download) is no upload's.
     */
    @Override
    public boolean unlessUploading(String sourceId, Path file, FileAction action) throws IOException {
        Path inbox = layout.inbox(sourceId).toAbsolutePath().normalize();
        Path at = file.toAbsolutePath().normalize();
        if (!inbox.equals(at.getParent())) {
            action.run();
            return true;
        }
        return openUploads.unlessUploading(sourceId, at.getFileName().toString(), action);
    }

    /** For tests: an SFTP event listener after the drop-box's own, from the next {@link #start()} on. */
    void addSftpEventListener(SftpEventListener listener) {
        testListeners.add(listener);
    }

    /** Where each source's folders are; the hub writes receipts into {@link DropBoxLayout#outbox(String)}. */
    public DropBoxLayout layout() {
        return layout;
    }

    private SshServer build() {
        hostKey.load();
        VirtualFileSystemFactory chroots = new VirtualFileSystemFactory();
        for (AccountRegistry.Entry entry : accounts.all()) {
            String sourceId = entry.account().sourceId();
            try {
                layout.prepare(sourceId);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create the drop-box folders of source " + sourceId, e);
            }
            chroots.setUserHomeDir(sourceId, layout.home(sourceId));
        }
        // No default home: a session whose user has no folder gets no file system at all.

        SftpSubsystemFactory sftp = new DropBoxSubsystem.Factory(openUploads);
        sftp.setFileSystemAccessor(new DropBoxFileSystemAccessor(uploadLimits));
        sftp.addSftpEventListener(openUploads.guard());
        sftp.addSftpEventListener(new UploadCounter(uploadLimits));
        sftp.addSftpEventListener(new UploadCompletionDetector(layout, listener, uploadLimits));
        sftp.addSftpEventListener(openUploads.release());
        testListeners.forEach(sftp::addSftpEventListener);
        sftp.setErrorStatusDataHandler(new DropBoxErrorMessages());

        SshServer server = SshServer.setUpDefaultServer();
        server.setHost(settings.host());
        server.setPort(settings.port());
        server.setKeyPairProvider(hostKey.provider());
        server.setFileSystemFactory(chroots);
        server.setSubsystemFactories(List.of(sftp));
        // Session channels only (that is where the sftp subsystem runs); tcpip channels would be port forwarding.
        server.setChannelFactories(List.of(ChannelSessionFactory.INSTANCE));
        server.setForwardingFilter(RejectAllForwardingFilter.INSTANCE);
        server.setShellFactory(null);
        server.setCommandFactory(null);
        server.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE, UserAuthPasswordFactory.INSTANCE));
        server.setPasswordAuthenticator(new BcryptPasswordAuthenticator(accounts, lockout, method -> loginRefused.accept(method)));
        server.setPublickeyAuthenticator(new AuthorizedKeysAuthenticator(accounts, lockout));
        server.setKeyboardInteractiveAuthenticator(null);
        server.setGSSAuthenticator(null);
        server.setHostBasedAuthenticator(null);
        server.addSessionListener(new LoginAuditor());
        CoreModuleProperties.IDLE_TIMEOUT.set(server, settings.idleTimeout());
        return server;
    }

    private static void closeQuietly(SshServer server) {
        try {
            server.stop(true);
        } catch (IOException | RuntimeException e) {
            log.debug("Ignoring failure to clean up a server that did not start", e);
        }
    }
}
