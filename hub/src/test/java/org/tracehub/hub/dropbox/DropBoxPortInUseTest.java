package org.tracehub.hub.dropbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.tracehub.hub.TraceHubApplication;
import org.tracehub.hub.config.StartRefusalCodes;
import org.tracehub.hub.config.StartRefusedException;

/**
 * The drop-box's port taken by another program (a second hub, an OpenSSH server on 2222) stops the start in Chinese
 * naming {@code hub.sftp.port}, where MINA's English "Address already in use" named no setting.
 */
class DropBoxPortInUseTest {

    @TempDir
    Path dataDir;

    @Test
    void aTakenSftpPortStopsTheStartNamingTheSetting() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("0.0.0.0"))) {
            Throwable refused = catchThrowable(() -> new SpringApplicationBuilder(TraceHubApplication.class)
                    .run("--hub.data-dir=" + dataDir, "--server.port=0", "--hub.jobs.recovery.enabled=false",
                            "--hub.sftp.port=" + taken.getLocalPort()).close());

            assertThat(refused).isInstanceOf(StartRefusedException.class)
                    .hasMessageContainingAll("hub.sftp.port", "HUB_SFTP_PORT", "0.0.0.0:" + taken.getLocalPort(), "端口已被其他程序占用",
                            StartRefusalCodes.SFTP_PORT_IN_USE);
        }
    }
}
