package org.tracehub.hub;

import java.nio.file.Path;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The whole hub started on a given data directory, as an admin starts it after a restore: any free ports, no recovery. */
public final class HubOnDataDir {

    private HubOnDataDir() {
    }

    public static ConfigurableApplicationContext start(Path dataDir, String... more) {
        String[] args = new String[more.length + 4];
        args[0] = "--hub.data-dir=" + dataDir;
        args[1] = "--server.port=0";
        args[2] = "--hub.sftp.port=0";
        args[3] = "--hub.jobs.recovery.enabled=false";
        System.arraycopy(more, 0, args, 4, more.length);
        return new SpringApplicationBuilder(TraceHubApplication.class).run(args);
    }
}
