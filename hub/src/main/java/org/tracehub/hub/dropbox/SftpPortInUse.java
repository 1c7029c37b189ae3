package org.tracehub.hub.dropbox;

import org.tracehub.hub.config.StartRefusalCodes;
import org.tracehub.hub.config.StartRefusedException;

/** The drop-box's port taken (another hub, an OpenSSH server on 2222): said in Chinese, naming the setting, not MINA's English. */
final class SftpPortInUse {

    private SftpPortInUse() {
    }

    /** @param where the address the drop-box listens on, {@code host:port} */
    static StartRefusedException refusal(String where, Throwable cause) {
        return new StartRefusedException(StartRefusalCodes.SFTP_PORT_IN_USE,
                "SFTP 投递箱无法监听 " + where + "（hub.sftp.port / hub.sftp.host）：端口已被其他程序占用。 The SFTP drop-box "
                        + "cannot listen on " + where + " (hub.sftp.port / hub.sftp.host): the port is in use by another program.",
                "请停止占用该端口的程序（如另一个平台进程），或将 hub.sftp.port（HUB_SFTP_PORT）设为空闲端口；不需要投递箱的节点设置 "
                        + "hub.sftp.enabled=false。 Stop the program that holds the port (another hub?), or set hub.sftp.port "
                        + "(HUB_SFTP_PORT) to a free one; a node without the drop-box sets hub.sftp.enabled=false.", cause);
    }
}
