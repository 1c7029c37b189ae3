package org.tracehub.hub.broker;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.stereotype.Component;
import org.tracehub.hub.config.SettingsCheck;
import org.tracehub.hub.config.StartRefusalCodes;
import org.tracehub.hub.config.StartRefusedException;

/**
 * Refuses the start, at once, when another process's embedded broker runs on this data directory: a second hub on the
 * same {@code hub.data-dir} (PostgreSQL shared, the embedded broker kept) waited for ever on Artemis' journal lock,
 * opening no port and logging nothing an admin would find. Artemis holds byte {@value #PRIMARY_LOCK_POSITION} of
 * {@code broker/journal/server.lock} for as long as its broker runs (its {@code FileLockNodeManager}); the check tries
 * that byte and lets it go at once. The file a killed hub left behind is held by no one: the start goes on. Several
 * nodes on one data directory need the {@code external-broker} profile, one broker for all.
 */
@Component
class BrokerJournalLockCheck extends SettingsCheck {

    static final long PRIMARY_LOCK_POSITION = 1;

    @Override
    protected void check(ConfigurableEnvironment environment, Binder settings) {
        boolean embedded = settings.bind("spring.artemis.mode", String.class).map("embedded"::equalsIgnoreCase).orElse(false)
                && settings.bind("spring.artemis.embedded.enabled", Boolean.class).orElse(true)
                && settings.bind("spring.artemis.embedded.persistent", Boolean.class).orElse(false);
        String directory = settings.bind("spring.artemis.embedded.data-directory", String.class).orElse(null);
        if (!embedded || directory == null) {
            return;
        }
        Path lockFile = Path.of(directory, "journal", "server.lock").toAbsolutePath().normalize();
        if (heldByAnotherBroker(lockFile)) {
            String dataDir = settings.bind("hub.data-dir", String.class).orElse(directory);
            throw new StartRefusedException(StartRefusalCodes.DATA_DIR_IN_USE,
                    "数据目录 " + dataDir + "（hub.data-dir）已被另一个正在运行的平台进程使用：其内置消息中间件占用着 " + lockFile
                            + "。 The data directory " + dataDir + " (hub.data-dir) is in use by another running hub: its "
                            + "embedded broker holds " + lockFile + "; this start would wait for that lock for ever.",
                    "若是误启动了第二个进程，请先停止另一个（或改用自己的 hub.data-dir）。多个节点共用一个数据目录时，须同时启用 "
                            + "postgres 和 external-broker 配置（spring.profiles.active=postgres,external-broker，HUB_BROKER_URL），"
                            + "共用一个外部消息中间件。 If this second process was started by mistake, stop the other one first "
                            + "(or give this one its own hub.data-dir). Nodes that share a data directory need the profiles "
                            + "postgres and external-broker (spring.profiles.active=postgres,external-broker, HUB_BROKER_URL): one "
                            + "broker outside the hub for all (README.md, \"Configuration\", profiles; jobs/README.md, \"Several nodes\").");
        }
    }

    /** Whether a running broker holds the journal's lock; a file left by a killed one is held by no one. */
    static boolean heldByAnotherBroker(Path lockFile) {
        if (!Files.isRegularFile(lockFile)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock(PRIMARY_LOCK_POSITION, 1, false);
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;   // a broker of this very JVM (a second context on the same data directory)
        } catch (IOException e) {
            return false;  // unreadable: Artemis says why itself
        }
    }
}
