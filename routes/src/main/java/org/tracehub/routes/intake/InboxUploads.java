package org.tracehub.routes.intake;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The uploads a transport is writing into an inbox right now: the SFTP drop-box's open upload handles (module {@code hub}).
 * Intake asks before it moves an inbox file it did not just get from the transport itself — a folder a crash left
 * half-taken, whose file is still in the inbox under a name a sender may be uploading again at that moment.
 */
public interface InboxUploads {

    /** No transport writes into inboxes: every file is at rest. */
    InboxUploads NONE = (sourceId, file, action) -> {
        action.run();
        return true;
    };

    /**
     * Runs {@code action} while no upload can open {@code file} (an upload that tries in that moment is refused and sent
     * again by its client).
     *
     * @return false, without running the action, while an upload of that file is open
     */
    boolean unlessUploading(String sourceId, Path file, FileAction action) throws IOException;

    /** Something done to a file. */
    @FunctionalInterface
    interface FileAction {

        void run() throws IOException;
    }
}
