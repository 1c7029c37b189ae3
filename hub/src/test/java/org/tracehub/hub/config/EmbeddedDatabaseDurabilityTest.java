package org.tracehub.hub.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

/**
 * The embedded database as the hub configures it keeps every commit through a killed process (SIGKILL, the
 * OOM killer). H2's default write delay keeps the last half second of commits in the JVM only: a batch row
 * committed just before a kill was gone at the next start while its file was already archived and announced on the
 * queue. A child JVM opens the hub's configured URL, commits row after row, reports the last commit and is killed
 * at once; every reported row must be there when the database is opened again.
 */
class EmbeddedDatabaseDurabilityTest {

    private static final int COMMITS = 20;

    @TempDir
    Path dataDir;

    @Test
    void everyCommitReportedBeforeTheProcessWasKilledIsThereAfterwards() throws Exception {
        String url = hubDatasourceUrl().replace("${hub.data-dir}", dataDir.toString());
        assertThat(url).startsWith("jdbc:h2:file:" + dataDir);
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE committed_row (n INT PRIMARY KEY)"); // closed cleanly: on the disk before the child starts
        }

        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CommitThenWait.class.getName(), url, String.valueOf(COMMITS))
                .redirectErrorStream(true).start();
        String last = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith(CommitThenWait.COMMITTED)) {
                    last = line;
                    break;
                }
            }
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(last).as("the child's report").isEqualTo(CommitThenWait.COMMITTED + COMMITS);

        try (Connection c = DriverManager.getConnection(url, "sa", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM committed_row")) {
            rs.next();
            assertThat(rs.getInt(1)).as("rows committed before the kill").isEqualTo(COMMITS);
        }
    }

    private static String hubDatasourceUrl() {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("application.yml"));
        return yaml.getObject().getProperty("spring.datasource.url");
    }

    /** The child: one row per transaction, then a line saying how many, then it waits to be killed. */
    public static final class CommitThenWait {

        static final String COMMITTED = "committed ";

        public static void main(String[] args) throws Exception {
            int commits = Integer.parseInt(args[1]);
            Connection c = DriverManager.getConnection(args[0], "sa", "");
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (int n = 1; n <= commits; n++) {
                    s.execute("INSERT INTO committed_row VALUES (" + n + ")");
                    c.commit();
                }
            }
            System.out.println(COMMITTED + commits);
            System.out.flush();
            System.in.read(); // killed while it waits here, the connection still open
        }
    }
}
