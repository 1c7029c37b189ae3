package org.tracehub.hub.config;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Creates {@code hub.data-dir} and the folders every set-up keeps in it — {@code sftp}, {@code archive},
 * {@code staging}, {@code ssh}, and {@code db} and {@code broker} when the embedded H2 and Artemis keep their files there,
 * and Tomcat's folder for uploads ({@code spring.servlet.multipart.location}, cleared of leftovers: {@link UploadTempLeftovers}) —
 * owner-only ({@link OwnerOnlyFolders}), before any bean (H2, Artemis, the drop-box) could create them readable by every
 * user of the machine. Folders created later inside them (a source's inbox, a day of the archive) are behind these.
 * An existing data directory that other users may enter is left as it is, with a warning at start-up.
 */
@Component
public class DataDirectoryPreparation implements BeanFactoryPostProcessor, EnvironmentAware, Ordered {

    /** The data directory's folders of every set-up. */
    static final List<String> FOLDERS = List.of("sftp", "archive", "staging", "ssh");

    private static final Logger log = LoggerFactory.getLogger(DataDirectoryPreparation.class);

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    /** After {@link HubSettingsCheck}: a mistyped data-dir setting creates nothing. */
    @Override
    public int getOrder() {
        return 0;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        Path dataDir = Path.of(environment.getProperty("hub.data-dir", "./data")).toAbsolutePath().normalize();
        List<Path> folders = new ArrayList<>();
        FOLDERS.forEach(folder -> folders.add(dataDir.resolve(folder)));
        h2Folder(environment.getProperty("spring.datasource.url", "")).ifPresent(folders::add);
        if ("embedded".equals(environment.getProperty("spring.artemis.mode"))) {
            Optional.ofNullable(environment.getProperty("spring.artemis.embedded.data-directory")).map(Path::of).ifPresent(folders::add);
        }
        Optional<Path> uploads = Optional.ofNullable(environment.getProperty("spring.servlet.multipart.location"))
                .filter(location -> !location.isBlank()).map(location -> Path.of(location).toAbsolutePath().normalize());
        uploads.ifPresent(folders::add);
        prepare(dataDir, folders).ifPresent(log::warn);
        // before Tomcat starts: it would write to a folder that is missing (a 500), and nothing clears it afterwards
        uploads.ifPresent(folder -> UploadTempLeftovers.clear(folder, Instant.now()));
    }

    /**
     * Creates the data directory and those of the folders that lie in it, owner-only, where missing; returns the warning
     * for a data directory that other users may enter.
     *
     * @throws StartRefusedException when a folder cannot be created: the hub cannot work without them
     */
    static Optional<String> prepare(Path dataDir, List<Path> folders) {
        try {
            OwnerOnlyFolders.create(dataDir);
            for (Path folder : folders) {
                Path absolute = folder.toAbsolutePath().normalize();
                if (absolute.startsWith(dataDir) && !absolute.equals(dataDir)) {
                    OwnerOnlyFolders.create(absolute);
                }
            }
            return OwnerOnlyFolders.openToOthers(dataDir).map(permissions -> ("hub.data-dir %s may be entered by other users of "
                    + "this machine (%s): it holds every file received, the database and the drop-box's private host key. "
                    + "Restrict it to the hub's user: chmod 700 %s").formatted(dataDir, permissions, dataDir));
        } catch (IOException e) {
            throw new StartRefusedException(StartRefusalCodes.DATA_DIR_UNUSABLE,
                    "无法创建数据目录 " + dataDir + "（hub.data-dir）或其中的文件夹：" + e + "。 Cannot create the data directory "
                            + dataDir + " (hub.data-dir) or its folders: " + e + ".",
                    "请确认该路径正确，且平台运行用户可以在其中创建文件夹（所有者、权限、磁盘是否已挂载、是否只读），或将 hub.data-dir"
                            + "（HUB_DATA_DIR）设为这样的目录。 Check that the path is right and that the hub's user may create "
                            + "folders there (owner, permissions, the disk mounted and writable), or set hub.data-dir (HUB_DATA_DIR) "
                            + "to such a directory.", e);
        }
    }

    /** The folder of an embedded H2 database file ({@code jdbc:h2:file:<path>;…}), if the URL is one. */
    static Optional<Path> h2Folder(String url) {
        return EmbeddedH2Url.database(url).map(Path::getParent);
    }
}
