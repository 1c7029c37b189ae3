package org.tracehub.hub.dropbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.ContextRefreshedEvent;
import org.tracehub.hub.TraceHubApplication;
import org.tracehub.hub.config.StartRefusalCodes;
import org.tracehub.hub.config.StartRefusedException;

/**
 * The drop-box's port taken by another program (a second hub, an OpenSSH server on 2222) stops the start in Chinese
 * naming {@code hub.sftp.port}, where MINA's English "Address already in use" named no setting; with the other start
 * checks, before the hub has made a bean, not once it has reported itself ready.
 */
class DropBoxPortInUseTest {

    @TempDir
    Path dataDir;

    @Test
    void aTakenSftpPortStopsTheStartNamingTheSettingBeforeTheContextIsStarted() throws Exception {
        List<ApplicationEvent> events = new CopyOnWriteArrayList<>();
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("0.0.0.0"))) {
            Throwable refused = catchThrowable(() -> new SpringApplicationBuilder(TraceHubApplication.class).listeners(events::add)
                    .run("--hub.data-dir=" + dataDir, "--server.port=0", "--hub.jobs.recovery.enabled=false",
                            "--hub.sftp.port=" + taken.getLocalPort()).close());

            assertThat(refused).isInstanceOf(StartRefusedException.class)
                    .hasMessageContainingAll("hub.sftp.port", "HUB_SFTP_PORT", "0.0.0.0:" + taken.getLocalPort(), "端口已被其他程序占用",
                            StartRefusalCodes.SFTP_PORT_IN_USE);
        }
        assertThat(events).as("neither refreshed (every bean made) nor ready").noneMatch(e -> e instanceof ContextRefreshedEvent
                || e instanceof ApplicationReadyEvent);
    }
}
