package org.tracehub.hub.broker;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Another process holding an embedded broker's journal lock as Artemis does (byte 1 of {@code server.lock}), for as long
 * as its standard input stays open or until it is killed. Says {@code locked} once it holds it.
 */
public final class JournalLockHolder {

    private JournalLockHolder() {
    }

    public static void main(String[] args) throws IOException {
        Path lockFile = Path.of(args[0]);
        Files.createDirectories(lockFile.getParent());
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE); var lock = channel.lock(BrokerJournalLockCheck.PRIMARY_LOCK_POSITION, 1, false)) {
            System.out.println("locked");
            System.out.flush();
            System.in.transferTo(java.io.OutputStream.nullOutputStream());
        }
    }
}
