package org.tracehub.routes.pull;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.tracehub.mappings.spec.FileNameGlob;
import org.tracehub.platform.schedule.CronSettings;
import org.tracehub.routes.intake.SourceIds;

/**
 * One source's pull, checked once at start-up (its {@code pattern} and {@code cron} compiled, a wrong one named by its key): where the legacy server is, how to log in (the secret
 * already read from its environment variable), which remote files to take and what to do with them
 * afterwards. Turns into the sftp consumer's endpoint URI.
 *
 * @param patterns         globs on the remote file name ({@code pattern}); empty: the spec's {@code files[].match}, as the
 *                         catalog has them at each poll ({@link PulledFileFilter})
 * @param workDir          local folder a fetched file is downloaded into before intake takes it
 * @param filenameEncoding the character set of the server's file names, both ways (listing, download, move, delete)
 */
public record PullSettings(String sourceId, String host, int port, String user, String password, Path privateKeyFile,
                           String privateKeyPassphrase, String remoteDir, List<String> patterns, String cron,
                           PullProperties.AfterFetch afterFetch, String doneDir, Path knownHostsFile, Path workDir,
                           Charset filenameEncoding) {

    public PullSettings {
        SourceIds.require(sourceId);
        List<String> problems = new ArrayList<>();
        if (host == null || host.isBlank()) {
            problems.add("host is missing");
        }
        if (port < 1 || port > 65535) {
            problems.add("port " + port + " is not a TCP port");
        }
        if (user == null || user.isBlank()) {
            problems.add("user is missing");
        }
        if (password == null && privateKeyFile == null) {
            problems.add("neither password-env (set in the environment) nor private-key-file is given");
        }
        if (knownHostsFile == null) {
            problems.add("no known-hosts-file (here or hub.pull.known-hosts-file): host keys must be checked");
        }
        if (afterFetch == PullProperties.AfterFetch.MOVE && (doneDir == null || doneDir.isBlank())) {
            problems.add("after-fetch is move but done-dir is empty");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("hub.pull.sources." + sourceId + ": " + String.join("; ", problems));
        }
        patterns = patterns == null ? List.of() : List.copyOf(patterns);
        for (String pattern : patterns) {
            // at start, naming the setting: a glob that does not compile stopped the start without naming the key
            String why = FileNameGlob.problem(pattern);
            if (why != null) {
                throw new IllegalArgumentException("hub.pull.sources." + sourceId + ".pattern: '" + pattern
                        + "' is not a file-name glob: " + why);
            }
        }
        if (cron != null && !cron.isBlank()) {
            CronSettings.parse("hub.pull.sources." + sourceId + ".cron", cron);
        }
        remoteDir = remoteDir == null ? "" : remoteDir.strip();
        cron = cron == null ? "" : cron.strip();
        filenameEncoding = filenameEncoding == null ? StandardCharsets.UTF_8 : filenameEncoding;
    }

    /** A server that sends its file names in UTF-8. */
    public PullSettings(String sourceId, String host, int port, String user, String password, Path privateKeyFile,
                        String privateKeyPassphrase, String remoteDir, List<String> patterns, String cron,
                        PullProperties.AfterFetch afterFetch, String doneDir, Path knownHostsFile, Path workDir) {
        this(sourceId, host, port, user, password, privateKeyFile, privateKeyPassphrase, remoteDir, patterns, cron, afterFetch,
                doneDir, knownHostsFile, workDir, StandardCharsets.UTF_8);
    }

    /** Reads one source's settings; {@code secrets} looks up the environment variable a setting names. */
    static PullSettings of(String sourceId, PullProperties.Source source, String defaultKnownHosts, UnaryOperator<String> secrets,
                           Path workDir) {
        String password = blank(source.getPasswordEnv()) ? null : secret(sourceId, "password-env", source.getPasswordEnv(), secrets);
        String passphrase = blank(source.getPrivateKeyPassphraseEnv()) ? null
                : secret(sourceId, "private-key-passphrase-env", source.getPrivateKeyPassphraseEnv(), secrets);
        boolean ownKnownHosts = !blank(source.getKnownHostsFile());
        String knownHosts = ownKnownHosts ? source.getKnownHostsFile() : defaultKnownHosts;
        List<String> patterns = blank(source.getPattern()) ? List.of() : List.of(source.getPattern().strip());
        PullSettings settings = new PullSettings(sourceId, source.getHost(), source.getPort(), source.getUser(), password,
                blank(source.getPrivateKeyFile()) ? null : Path.of(source.getPrivateKeyFile()).toAbsolutePath(), passphrase,
                source.getRemoteDir(), patterns, source.getCron(), source.getAfterFetch(), source.getDoneDir(),
                blank(knownHosts) ? null : Path.of(knownHosts).toAbsolutePath(), workDir,
                charset(sourceId, source.getFilenameEncoding()));
        settings.requireFiles(ownKnownHosts ? "hub.pull.sources." + sourceId + ".known-hosts-file" : "hub.pull.known-hosts-file");
        return settings;
    }

    /**
     * The known_hosts and private key files are read only when the pull connects: JSch takes a missing known_hosts for an
     * empty one and refuses every host key, so a wrong path showed only at the first pull, at night, as "reject HostKey"
     * (health UP and no meter until then). Checked here, it stops the start like every other setting of the pull.
     */
    private void requireFiles(String knownHostsSetting) {
        List<String> problems = new ArrayList<>();
        String knownHostsProblem = unreadable(knownHostsFile);
        if (knownHostsProblem != null) {
            problems.add("the known_hosts file " + knownHostsFile + " (" + knownHostsSetting + ") " + knownHostsProblem
                    + ": put the legacy server's host key in it (ssh-keyscan -p " + port + " " + host
                    + ", its fingerprint checked with the server's owner)");
        }
        String keyProblem = privateKeyFile == null ? null : unreadable(privateKeyFile);
        if (keyProblem != null) {
            problems.add("the private key file " + privateKeyFile + " (private-key-file) " + keyProblem);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("hub.pull.sources." + sourceId + ": " + String.join("; ", problems));
        }
    }

    /** Why the hub cannot read the file, or null. */
    private static String unreadable(Path file) {
        if (!Files.exists(file)) {
            return "does not exist";
        }
        if (!Files.isRegularFile(file)) {
            return "is not a file";
        }
        return Files.isReadable(file) ? null : "cannot be read by the hub's user";
    }

    /** A name Java knows, or the hub does not start: a pull that reads names wrongly fetches nothing, night after night. */
    private static Charset charset(String sourceId, String name) {
        if (blank(name)) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(name.strip());
        } catch (IllegalArgumentException unknown) {
            // IllegalCharsetNameException and UnsupportedCharsetException both
            throw new IllegalArgumentException("hub.pull.sources." + sourceId + ".filename-encoding: " + name.strip()
                    + " is not a character set this Java knows (the legacy server's file names: GBK, GB18030, UTF-8 …)");
        }
    }

    /**
     * The sftp consumer: strict host-key checking against the configured known_hosts only, no schedule
     * of its own ({@code scheduler} and {@code pollStrategy} are the source's {@link PullSchedule}),
     * remembered files skipped ({@code idempotentRepository} is the source's {@link FetchedFiles}, written
     * only after a file was taken in), each file downloaded into {@link #workDir()} first; a move or delete the server
     * refuses afterwards goes to the source's {@link AfterFetchFailures} ({@code onCompletionExceptionHandler}).
     *
     * Each file is downloaded only once its {@link DiskFloorReadLock} (bound as {@link PullBeans#readLock()}) lets it: the
     * data disk above its floor, and the file settled when the source has a settle check.
     *
     * @param beans names of the source's beans in the Camel registry
     */
    String endpointUri(PullBeans beans) {
        StringBuilder uri = new StringBuilder("sftp://").append(host).append(':').append(port).append('/').append(remoteDir)
                .append("?username=").append(user);
        if (password != null) {
            uri.append("&password=RAW(").append(password).append(')');
        }
        if (privateKeyFile != null) {
            uri.append("&privateKeyFile=").append(privateKeyFile);
            if (privateKeyPassphrase != null) {
                uri.append("&privateKeyPassphrase=RAW(").append(privateKeyPassphrase).append(')');
            }
        }
        uri.append("&knownHostsFile=").append(knownHostsFile)
                .append("&strictHostKeyChecking=yes&useUserKnownHostsFile=false")
                .append("&autoCreate=false&stepwise=false&disconnect=true")
                .append("&throwExceptionOnConnectFailed=true&maximumReconnectAttempts=0")
                .append("&localWorkDirectory=").append(workDir)
                // oldest first: a re-sent record's version is the batch received last, and export_10.csv comes before
                // export_9.csv by name
                .append("&sortBy=file:modified;file:name&maxMessagesPerPoll=0")
                .append("&filter=#").append(beans.filter())
                .append("&idempotent=true&idempotentEager=false&idempotentRepository=#").append(beans.fetched())
                .append("&idempotentKey=${file:name}/${file:size}/${file:modified}")
                .append("&scheduler=#").append(beans.schedule())
                .append("&pollStrategy=#").append(beans.schedule())
                .append("&exceptionHandler=#").append(beans.schedule())
                .append("&onCompletionExceptionHandler=#").append(beans.afterFetch())
                // JSch decodes the listing's names and encodes every path it sends (download, move, delete) with it
                .append("&filenameEncoding=").append(filenameEncoding.name());
        // the disk's floor, then (with a settle time) a listing again after the interval, by name: Camel's readLock=changed,
        // which compares size and time, never the server's clock, and tells the schedule of a file it gives up on
        uri.append("&exclusiveReadLockStrategy=#").append(beans.readLock());
        switch (afterFetch) {
            // done/<yyyy-MM>/<name>.<batch id>.<ext>: unique without a folder per file (DoneNames)
            case MOVE -> uri.append("&move=").append(doneDir).append("/${header.").append(DoneNames.HEADER).append("}");
            case DELETE -> uri.append("&delete=true");
            case REMEMBER -> uri.append("&noop=true");
        }
        return uri.toString();
    }

    /** The names under which a source's pull beans are bound for its endpoint. */
    record PullBeans(String schedule, String filter, String fetched, String afterFetch, String readLock) {

        static PullBeans of(String sourceId) {
            return new PullBeans("pull-" + sourceId + "-schedule", "pull-" + sourceId + "-filter", "pull-" + sourceId + "-fetched",
                    "pull-" + sourceId + "-after-fetch", "pull-" + sourceId + "-read-lock");
        }
    }

    // Keeps the secrets out of logs and exception messages.
    @Override
    public String toString() {
        return "PullSettings[" + sourceId + ": " + user + "@" + host + ":" + port + "/" + remoteDir + " "
                + (patterns.isEmpty() ? "(the spec's file names)" : patterns)
                + " cron='" + cron + "' after-fetch=" + afterFetch
                + (filenameEncoding.equals(StandardCharsets.UTF_8) ? "" : " filename-encoding=" + filenameEncoding.name()) + "]";
    }

    private static String secret(String sourceId, String setting, String variable, UnaryOperator<String> secrets) {
        String value = secrets.apply(variable.strip());
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("hub.pull.sources." + sourceId + "." + setting + " names " + variable
                    + ", which is not set in the environment");
        }
        return value;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
