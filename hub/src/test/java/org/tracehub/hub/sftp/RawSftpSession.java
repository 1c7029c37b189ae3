package org.tracehub.hub.sftp;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.sftp.client.RawSftpClient;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.client.SftpVersionSelector;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;

/**
 * SFTP version 3 requests written field by field through MINA's {@link RawSftpClient}, for what its high-level client
 * never sends: an OPEN that carries the file's attributes, as WinSCP (its size) and OpenSSH or libssh2 (its
 * permissions) send it. Version 3 is what OpenSSH speaks, so the attributes are laid out as it lays them out.
 */
final class RawSftpSession implements AutoCloseable {

    /** The reply to a request that answers with a status: its code and the text the sender's client would show. */
    record Status(int code, String message) {

        boolean ok() {
            return code == SftpConstants.SSH_FX_OK;
        }
    }

    private final SftpClient client;
    private final RawSftpClient raw;

    RawSftpSession(ClientSession session) throws IOException {
        this.client = SftpClientFactory.instance().createSftpClient(session, SftpVersionSelector.fixedVersionSelector(3));
        this.raw = (RawSftpClient) client;
    }

    /**
     * Opens {@code path} to write it from the start (create, truncate) with the attributes a client declares for it.
     *
     * @param size        the file's size as the client declares it, or {@code null} for none
     * @param permissions the mode bits the client asks for, or {@code null} for none
     * @return the handle
     * @throws SftpException with the server's status and text when the open is refused
     */
    byte[] openForUpload(String path, Long size, Integer permissions) throws IOException {
        return openForUpload(path, StandardCharsets.UTF_8, size, permissions);
    }

    /** As {@link #openForUpload(String, Long, Integer)}, the path's bytes in {@code nameCharset} (GBK, as Xftp sends them). */
    byte[] openForUpload(String path, Charset nameCharset, Long size, Integer permissions) throws IOException {
        Buffer request = new ByteArrayBuffer();
        request.putString(path, nameCharset);
        request.putInt(SftpConstants.SSH_FXF_WRITE | SftpConstants.SSH_FXF_CREAT | SftpConstants.SSH_FXF_TRUNC);
        int flags = (size == null ? 0 : SftpConstants.SSH_FILEXFER_ATTR_SIZE)
                | (permissions == null ? 0 : SftpConstants.SSH_FILEXFER_ATTR_PERMISSIONS);
        request.putInt(flags);
        if (size != null) {
            request.putLong(size);
        }
        if (permissions != null) {
            request.putInt(permissions);
        }
        Buffer reply = reply(raw.send(SftpConstants.SSH_FXP_OPEN, request));
        int type = reply.getUByte();
        reply.getInt(); // the request id, already matched by receive
        if (type == SftpConstants.SSH_FXP_HANDLE) {
            return reply.getBytes();
        }
        Status status = status(type, reply);
        throw new SftpException(status.code(), status.message());
    }

    Status write(byte[] handle, long offset, byte[] data) throws IOException {
        Buffer request = new ByteArrayBuffer();
        request.putBytes(handle);
        request.putLong(offset);
        request.putBytes(data);
        return status(raw.send(SftpConstants.SSH_FXP_WRITE, request));
    }

    Status close(byte[] handle) throws IOException {
        Buffer request = new ByteArrayBuffer();
        request.putBytes(handle);
        return status(raw.send(SftpConstants.SSH_FXP_CLOSE, request));
    }

    private Status status(int requestId) throws IOException {
        Buffer reply = reply(requestId);
        int type = reply.getUByte();
        reply.getInt();
        return status(type, reply);
    }

    private static Status status(int type, Buffer reply) {
        if (type != SftpConstants.SSH_FXP_STATUS) {
            throw new IllegalStateException("Expected a status, the server answered " + SftpConstants.getCommandMessageName(type));
        }
        int code = reply.getInt();
        String message = reply.getString(StandardCharsets.UTF_8);
        return new Status(code, message);
    }

    private Buffer reply(int requestId) throws IOException {
        Buffer reply = raw.receive(requestId, SftpConnection.TIMEOUT);
        reply.getInt(); // the packet's length
        return reply;
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
