package org.tracehub.hub.sftp;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.tracehub.hub.config.OwnerOnlyFolders;

/** Where each source's folders are on the hub's disk. The hub writes receipts into {@link #outbox(String)} directly. */
public final class DropBoxLayout {

    public static final String INBOX = "inbox";
    public static final String OUTBOX = "outbox";

    private final Path root;

    public DropBoxLayout(Path root) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** The folder the source is chrooted to. */
    public Path home(String sourceId) {
        Path home = root.resolve(sourceId).normalize();
        // DropBoxAccount already restricts ids; this guards callers that pass ids from elsewhere (URLs, messages).
        if (!home.getParent().equals(root)) {
            throw new IllegalArgumentException("Not a source id: " + sourceId);
        }
        return home;
    }

    public Path inbox(String sourceId) {
        return home(sourceId).resolve(INBOX);
    }

    public Path outbox(String sourceId) {
        return home(sourceId).resolve(OUTBOX);
    }

    /** Creates the source's home, inbox and outbox if missing, owner-only; existing content is left alone. */
    public void prepare(String sourceId) throws IOException {
        OwnerOnlyFolders.create(inbox(sourceId));
        OwnerOnlyFolders.create(outbox(sourceId));
    }
}
