package org.tracehub.hub.sftp;

import java.io.IOException;
import java.nio.file.CopyOption;
import java.util.Collection;
import java.util.Map;

import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.sftp.server.SftpSubsystem;
import org.apache.sshd.sftp.server.SftpSubsystemConfigurator;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * MINA's SFTP subsystem with each OPEN and rename run whole inside {@link OpenUploads}. The event listeners see a rename
 * in steps (its check, then its move, then its report), and a name checked free in the first could be claimed and
 * written by another session before the second; and they hear of a failed open only when it failed with an
 * IOException. Only around the whole request can a claim be held from the check through the move and the hub's take,
 * and be let go however the request ends; a rename claims the name it moves from as well as the one it moves to.
 */
final class DropBoxSubsystem extends SftpSubsystem {

    private final OpenUploads uploads;

    private DropBoxSubsystem(ChannelSession channel, SftpSubsystemConfigurator configurator, OpenUploads uploads) {
        super(channel, configurator);
        this.uploads = uploads;
    }

    @Override
    protected String doOpen(int id, String path, int pflags, int access, Map<String, Object> attrs) throws IOException {
        return uploads.whileOpening(() -> super.doOpen(id, path, pflags, access, attrs));
    }

    @Override
    protected void doRename(int id, String oldPath, String newPath, Collection<CopyOption> opts) throws IOException {
        // resolved as MINA resolves them (a refused name fails here as it would there)
        uploads.whileRenaming(getServerSession(), resolveFile(oldPath), resolveFile(newPath),
                () -> super.doRename(id, oldPath, newPath, opts));
    }

    /** The factory of {@link DropBoxSubsystem}s; its listeners are added to each, as MINA's own factory adds them. */
    static final class Factory extends SftpSubsystemFactory {

        private final OpenUploads uploads;

        Factory(OpenUploads uploads) {
            this.uploads = uploads;
        }

        @Override
        public Command createSubsystem(ChannelSession channel) throws IOException {
            DropBoxSubsystem subsystem = new DropBoxSubsystem(channel, this, uploads);
            getRegisteredListeners().forEach(subsystem::addSftpEventListener);
            return subsystem;
        }
    }
}
