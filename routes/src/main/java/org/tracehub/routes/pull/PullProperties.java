package org.tracehub.routes.pull;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code hub.pull.*}: pulls from legacy SFTP servers, one entry per source under {@code sources}.
 * Secrets are never written here: {@code password-env} and {@code private-key-passphrase-env} name
 * the environment variables that hold them.
 */
@ConfigurationProperties(prefix = "hub.pull", ignoreUnknownFields = false)
public class PullProperties {

    /** known_hosts file (OpenSSH format) for sources that name none; the legacy servers' host keys must be in it. */
    private String knownHostsFile = "";
    /** Threads that run pulls; pulls of different sources run at the same time, one source never twice at once. */
    private int threads = 2;
    private Retry retry = new Retry();
    /**
     * A remote file changed more recently than this is left, and pulled by a follow-up run once it is old enough: a
     * legacy export written under its final name may still be growing. {@code 0} fetches every file at once.
     */
    private Duration minFileAge = Duration.ofMinutes(1);
    /**
     * A remote file is fetched only once two listings this far apart show it the same size and modification time: an
     * export still being written under its final name is left until it stops growing, whatever the legacy server's
     * clock says (min-file-age trusts it). A file still changing after {@code settle-give-up} is left, and pulled by a
     * follow-up run as a file too new is. {@code 0} fetches without the check.
     */
    private Duration settleTime = Duration.ofSeconds(5);
    /**
     * How long the settle check watches a file that keeps changing before the run leaves it (a follow-up tries again).
     * Unset: twelve times {@code settle-time}, at least a minute.
     */
    private Duration settleGiveUp;
    private Map<String, Source> sources = new LinkedHashMap<>();

    /** What happens to a remote file once it is fetched and taken in. */
    public enum AfterFetch {
        /**
         * moved to {@code done-dir/<yyyy-MM>/<name>.<batch id>.<ext>} (relative to the remote folder) on the legacy server:
         * a folder per month, the name kept with the batch that took it, never onto an earlier file of the same name
         */
        MOVE,
        /** deleted from the legacy server */
        DELETE,
        /** left where it is; remembered as fetched (name, size, modification time) so it is never fetched again */
        REMEMBER
    }

    /** Back-off after a failed pull: the first retry after {@code initial-delay}, then twice as long each time. */
    public static class Retry {
        private Duration initialDelay = Duration.ofMinutes(1);
        private Duration maxDelay = Duration.ofMinutes(30);
        private int maxAttempts = 6;

        public Duration getInitialDelay() {
            return initialDelay;
        }

        public void setInitialDelay(Duration initialDelay) {
            this.initialDelay = initialDelay;
        }

        public Duration getMaxDelay() {
            return maxDelay;
        }

        public void setMaxDelay(Duration maxDelay) {
            this.maxDelay = maxDelay;
        }

        public int getMaxAttempts() {
            return maxAttempts;
        }

        public void setMaxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
        }
    }

    /** One source's legacy server. */
    public static class Source {
        private boolean enabled = true;
        private String host;
        private int port = 22;
        private String user;
        private String passwordEnv;
        private String privateKeyFile;
        private String privateKeyPassphraseEnv;
        private String remoteDir = "";
        private String pattern = "";
        private String cron = "";
        private AfterFetch afterFetch = AfterFetch.MOVE;
        private String doneDir = "done";
        private String knownHostsFile = "";
        /**
         * The character set the legacy server sends and expects file names in: many Chinese Windows servers use GBK, whose
         * names read as UTF-8 arrive with U+FFFD in them and cannot be fetched.
         */
        private String filenameEncoding = "UTF-8";

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getHost() {
            return host;
        }

        public void setHost(String host) {
            this.host = host;
        }

        public int getPort() {
            return port;
        }

        public void setPort(int port) {
            this.port = port;
        }

        public String getUser() {
            return user;
        }

        public void setUser(String user) {
            this.user = user;
        }

        public String getPasswordEnv() {
            return passwordEnv;
        }

        public void setPasswordEnv(String passwordEnv) {
            this.passwordEnv = passwordEnv;
        }

        public String getPrivateKeyFile() {
            return privateKeyFile;
        }

        public void setPrivateKeyFile(String privateKeyFile) {
            this.privateKeyFile = privateKeyFile;
        }

        public String getPrivateKeyPassphraseEnv() {
            return privateKeyPassphraseEnv;
        }

        public void setPrivateKeyPassphraseEnv(String privateKeyPassphraseEnv) {
            this.privateKeyPassphraseEnv = privateKeyPassphraseEnv;
        }

        public String getRemoteDir() {
            return remoteDir;
        }

        public void setRemoteDir(String remoteDir) {
            this.remoteDir = remoteDir;
        }

        public String getPattern() {
            return pattern;
        }

        public void setPattern(String pattern) {
            this.pattern = pattern;
        }

        public String getCron() {
            return cron;
        }

        public void setCron(String cron) {
            this.cron = cron;
        }

        public AfterFetch getAfterFetch() {
            return afterFetch;
        }

        public void setAfterFetch(AfterFetch afterFetch) {
            this.afterFetch = afterFetch;
        }

        public String getDoneDir() {
            return doneDir;
        }

        public void setDoneDir(String doneDir) {
            this.doneDir = doneDir;
        }

        public String getKnownHostsFile() {
            return knownHostsFile;
        }

        public void setKnownHostsFile(String knownHostsFile) {
            this.knownHostsFile = knownHostsFile;
        }

        public String getFilenameEncoding() {
            return filenameEncoding;
        }

        public void setFilenameEncoding(String filenameEncoding) {
            this.filenameEncoding = filenameEncoding;
        }
    }

    public String getKnownHostsFile() {
        return knownHostsFile;
    }

    public void setKnownHostsFile(String knownHostsFile) {
        this.knownHostsFile = knownHostsFile;
    }

    public int getThreads() {
        return threads;
    }

    public void setThreads(int threads) {
        this.threads = threads;
    }

    public Retry getRetry() {
        return retry;
    }

    public Duration getMinFileAge() {
        return minFileAge;
    }

    public void setMinFileAge(Duration minFileAge) {
        this.minFileAge = minFileAge;
    }

    public Duration getSettleTime() {
        return settleTime;
    }

    public void setSettleTime(Duration settleTime) {
        this.settleTime = settleTime;
    }

    public Duration getSettleGiveUp() {
        return settleGiveUp;
    }

    public void setSettleGiveUp(Duration settleGiveUp) {
        this.settleGiveUp = settleGiveUp;
    }

    public void setRetry(Retry retry) {
        this.retry = retry;
    }

    public Map<String, Source> getSources() {
        return sources;
    }

    public void setSources(Map<String, Source> sources) {
        this.sources = sources;
    }
}
