package org.tracehub.hub.sftp;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.server.session.ServerSession;

/**
 * The inbox names whose files the hub took from a session, kept on that session. WinSCP (and FileZilla preserving
 * timestamps) sets an upload's time by its path right after its close or rename has been answered, when the hub has
 * already moved the file into its taken folder: answered "no such file", WinSCP reports an error and stops its batch
 * script, and the clerk sends the file again. This tells the drop-box which such changes to answer as done.
 */
final class TakenUploads {

    private static final AttributeKey<Set<String>> TAKEN = new AttributeKey<>();
    // The change follows its upload at once; a session's last few names are all it can concern.
    private static final int REMEMBERED = 64;

    private TakenUploads() {
    }

    /** The hub took the file at {@code chrooted} (an inbox name) in this session. */
    static void remember(ServerSession session, Path chrooted) {
        names(session).add(ChrootedPath.fileName(chrooted));
    }

    /** {@code chrooted} is an inbox name whose file the hub took in this session, and no file is there any more. */
    static boolean tookAway(ServerSession session, Path chrooted) {
        return ChrootedPath.isInboxEntry(chrooted) && names(session).contains(ChrootedPath.fileName(chrooted))
                && !Files.exists(chrooted, LinkOption.NOFOLLOW_LINKS);
    }

    private static Set<String> names(ServerSession session) {
        return session.computeAttributeIfAbsent(TAKEN, key -> Collections.synchronizedSet(Collections.newSetFromMap(
                new LinkedHashMap<>() {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                        return size() > REMEMBERED;
                    }
                })));
    }
}
