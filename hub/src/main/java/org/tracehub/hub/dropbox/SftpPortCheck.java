package org.tracehub.hub.dropbox;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.stereotype.Component;
import org.tracehub.hub.config.SettingsCheck;

/**
 * Refuses the start with the other start checks, before any bean is made, when the drop-box's port is taken: the drop-box
 * listens only once the application is ready (uploads go to Camel's routes), so a taken port stopped a hub that had
 * reported itself ready. The check binds the port as the drop-box will (address reuse on, as MINA binds it, so a port
 * left in TIME_WAIT by a hub just stopped is free) and lets it go at once. A program that takes the port between this
 * check and the drop-box's own bind still stops the hub, with the same refusal, once it is ready
 * ({@link DropBoxLifecycle#start()}).
 */
@Component
class SftpPortCheck extends SettingsCheck {

    @Override
    protected void check(ConfigurableEnvironment environment, Binder settings) {
        boolean enabled = settings.bind("hub.sftp.enabled", Boolean.class).orElse(true);
        int port = settings.bind("hub.sftp.port", Integer.class).orElse(DropBoxProperties.DEFAULT_PORT);
        String host = settings.bind("hub.sftp.host", String.class).orElse(DropBoxProperties.DEFAULT_HOST);
        if (!enabled || port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, port));
        } catch (BindException e) {
            throw SftpPortInUse.refusal(host + ":" + port, e);
        } catch (IOException e) {
            // not a taken port: the drop-box's own bind says what it is
        }
    }
}
