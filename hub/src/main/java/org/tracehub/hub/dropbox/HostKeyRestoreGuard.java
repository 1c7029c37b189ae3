package org.tracehub.hub.dropbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
 * The drop-box's host key is what every sender pinned in its {@code known_hosts}. When the key file is missing but the
 * store already has batches, the data directory was restored without {@code ssh/} (or the folder was lost): a new key
 * would be generated, and every sender's upload would stop at "host key changed" — or, worse, senders would be told to
 * accept a new key. The hub refuses to start instead, unless {@code hub.sftp.allow-new-host-key} says a new key is
 * meant. A fresh install (no batch yet) generates its key as before.
 */
final class HostKeyRestoreGuard {

    private HostKeyRestoreGuard() {
    }

    /**
     * @param storeHasBatches asked only when the key file is missing
     * @return whether a new key replaces one senders pinned (allowed): the caller says so in the log
     * @throws HostKeyMissingException when the key is missing, batches exist and a new key was not allowed
     */
    static boolean check(Path hostKeyFile, boolean allowNewHostKey, BooleanSupplier storeHasBatches) {
        if (Files.exists(hostKeyFile) || !storeHasBatches.getAsBoolean()) {
            return false;
        }
        if (allowNewHostKey) {
            return true;
        }
        throw new HostKeyMissingException(hostKeyFile);
    }
}
