package org.tracehub.hub.api;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tracehub.hub.config.SpecSources;
import org.tracehub.hub.dropbox.DropBoxLifecycle;
import org.tracehub.hub.dropbox.DropBoxProperties;
import org.tracehub.hub.dropbox.PullWarningText;
import org.tracehub.hub.security.SecurityCurrentUser;
import org.tracehub.hub.sftp.DropBoxHealth;
import org.tracehub.mappings.catalog.SpecCatalog;
import org.tracehub.mappings.spec.MappingSpec;
import org.tracehub.platform.batch.Batch;
import org.tracehub.platform.batch.BatchRepository;
import org.tracehub.platform.batch.Transport;
import org.tracehub.routes.intake.SourceIds;
import org.tracehub.routes.pull.LegacyPulls;
import org.tracehub.routes.pull.PullSettings;
import org.tracehub.routes.pull.PullStatus;
import org.tracehub.routes.pull.PullWarning;

/**
 * The sources the hub knows — those with a mapping spec, a drop-box account or a pull — with how their
 * files arrive, whether they are in order, how their pull went and their last batch.
 */
@RestController
@RequestMapping("/api/sources")
public class SourceController {

    /** A source's state as an operator sees it. */
    public enum SourceState {
        /** files are taken in and converted */
        OK("正常"),
        /** no mapping spec: every file ends UNKNOWN_SOURCE */
        NO_SPEC("未配置映射，文件无法处理"),
        /** the last pull from its legacy server failed; it is retried with back-off */
        PULL_FAILING("从原系统拉取文件失败，正在重试"),
        /**
         * a pull left files on the legacy server (the pull's {@code warning}, which turns the {@code pulls} health
         * DEGRADED): taken in but not moved or deleted there, or not fetched at all; the warning's {@code text} says which
         * and what to do
         */
        PULL_WARNING("从原系统拉取时有文件留在原服务器上，请查看拉取警告");

        private final String text;

        SourceState(String text) {
            this.text = text;
        }
    }

    /**
     * One source. {@code sftp}, {@code pull} and {@code lastBatch} are null when it has none; {@code specRefused} lists its
     * spec files in {@code hub.sources-dir} whose last change the hub refused (empty when none): what they say is not in use.
     */
    public record SourceView(String id, String name, String category, List<Transport> transports, SourceState status,
                             String statusText, SftpView sftp, PullView pull, LastBatch lastBatch, List<RefusedSpecView> specRefused) {
    }

    /**
     * A spec file whose last change was refused, by its name (not the server's path), with its problems.
     *
     * @param previousKept  whether the version before the change is still in use (else the file never took effect)
     * @param lastGoodSince when the version in use is the file's last good one kept under the data directory (the file was
     *                      broken when the hub started): when it first loaded; else null
     */
    public record RefusedSpecView(String file, boolean previousKept, List<SpecProblemView> problems, OffsetDateTime lastGoodSince) {

        static RefusedSpecView of(SpecSources.RefusedFile refused) {
            return new RefusedSpecView(refused.file(), refused.previousKept(),
                    refused.problems().stream().map(p -> new SpecProblemView(p.line(), p.key(), p.message())).toList(),
                    refused.lastGoodSince());
        }
    }

    /** One problem of a spec file: its line (0 when it is the whole file's), the key, what to do. */
    public record SpecProblemView(int line, String key, String message) {
    }

    /**
     * Where a source's drop-box is and the fingerprint of its host key ({@code SHA256:…}), for the sender's
     * {@code known_hosts} or {@code curl --hostpubsha256}: public in every SSH handshake, and the one thing a sender
     * must check before its first upload.
     */
    public record SftpView(int port, String hostKey) {
    }

    /**
     * A source's pull from its legacy SFTP server: schedule and outcomes (never the credentials). {@code warning} is null
     * unless its pulls left files on the legacy server.
     */
    public record PullView(String cron, String afterFetch, OffsetDateTime lastAttemptAt, OffsetDateTime lastSuccessAt,
                           int lastFetched, OffsetDateTime lastFailureAt, String lastFailure, int consecutiveFailures,
                           PullWarningView warning) {
    }

    /**
     * Files the source's pulls left on the legacy server, as the {@code pulls} health shows them ({@code LegacyPulls.warning}).
     *
     * @param kind              {@code LEFT_AFTER_FETCH}: taken in, but their move or delete on the server was refused (to be
     *                          moved or deleted there by hand); {@code NOT_FETCHED}: not fetched (too new, or still changing),
     *                          the next pull tries again (nothing to delete); {@code WAITING_FOR_DISK}: not fetched, the
     *                          hub's data disk below {@code hub.intake.min-disk-free} (free space there; pulled once it is back)
     *                          ; {@code UNMATCHED_NAMES}: the pull fetched nothing, and files there match none of the
     *                          source's file names (a renamed export: correct the spec or the export)
     * @param at                when the pull that left them ended
     * @param filesLeftOnServer how many it left
     * @param text              what it means and what to do, in Chinese
     * @param detail            the first file's name and the server's refusal, or the names of the files not fetched and
     *                          why, as the pull logged it
     */
    public record PullWarningView(PullWarning.Kind kind, OffsetDateTime at, int filesLeftOnServer, String text, String detail) {

        static PullWarningView of(PullWarning warning) {
            return new PullWarningView(warning.kind(), warning.at(), warning.filesLeft(), PullWarningText.of(warning), warning.message());
        }
    }

    public record LastBatch(String id, String fileName, String status, String statusText, String transport, OffsetDateTime receivedAt) {
    }

    private final SpecCatalog catalog;
    private final DropBoxProperties dropBox;
    private final LegacyPulls pulls;
    private final BatchRepository batches;
    private final SecurityCurrentUser currentUser;
    private final KnownSources knownSources;
    private final DropBoxHealth dropBoxServer;
    private final SpecSources specSources;

    public SourceController(SpecCatalog catalog, DropBoxProperties dropBox, LegacyPulls pulls, BatchRepository batches,
                            SecurityCurrentUser currentUser, KnownSources knownSources, DropBoxLifecycle dropBoxLifecycle,
                            SpecSources specSources) {
        this.specSources = specSources;
        this.knownSources = knownSources;
        this.dropBoxServer = new DropBoxHealth(dropBoxLifecycle.server());
        this.catalog = catalog;
        this.dropBox = dropBox;
        this.pulls = pulls;
        this.batches = batches;
        this.currentUser = currentUser;
    }

    /** Every source for staff; for a sender, its own. */
    @GetMapping
    public List<SourceView> list() {
        Optional<String> own = currentUser.restrictedSource();
        if (own.isPresent()) {
            return find(own.get()).stream().toList();
        }
        List<SourceView> views = new ArrayList<>();
        for (String id : knownSources.ids()) {
            find(id).ifPresent(views::add);
        }
        return views;
    }

    @GetMapping("/{id}")
    public SourceView one(@PathVariable String id) {
        return find(id).orElseThrow(() -> notFound(id));
    }

    /** The source, if the hub knows it (spec, drop-box account or pull). */
    public Optional<SourceView> find(String id) {
        if (!SourceIds.isWellFormed(id)) {
            return Optional.empty();
        }
        Optional<MappingSpec> spec = catalog.source(id);
        boolean sftp = dropBox.getAccounts().containsKey(id);
        Optional<PullSettings> pull = pulls.settings(id);
        if (spec.isEmpty() && !sftp && pull.isEmpty()) {
            return Optional.empty();
        }
        List<Transport> transports = new ArrayList<>();
        if (sftp) {
            transports.add(Transport.SFTP);
        }
        if (pull.isPresent()) {
            transports.add(Transport.PULL);
        }
        transports.add(Transport.HTTP);
        PullView pullView = pull.map(settings -> {
            PullStatus s = pulls.status(id).orElse(PullStatus.never(id));
            return new PullView(settings.cron().isEmpty() ? null : settings.cron(), settings.afterFetch().name(), s.lastAttemptAt(),
                    s.lastSuccessAt(), s.lastFetched(), s.lastFailureAt(), s.lastFailureMessage(), s.consecutiveFailures(),
                    pulls.warning(id).map(PullWarningView::of).orElse(null));
        }).orElse(null);
        SourceState status = spec.isEmpty() ? SourceState.NO_SPEC
                : pullView != null && pullView.consecutiveFailures() > 0 ? SourceState.PULL_FAILING
                : pullView != null && pullView.warning() != null ? SourceState.PULL_WARNING : SourceState.OK;
        LastBatch last = batches.lastOfSource(id).map(SourceController::lastBatch).orElse(null);
        SftpView sftpView = null;
        if (sftp) {
            DropBoxHealth.Status server = dropBoxServer.check();
            sftpView = new SftpView(server.port(), server.hostKeyFingerprint());
        }
        return Optional.of(new SourceView(id, spec.map(MappingSpec::name).orElse(null),
                spec.map(s -> s.category().name()).orElse(null), transports, status, status.text, sftpView, pullView, last,
                specSources.refusedOf(id).stream().map(RefusedSpecView::of).toList()));
    }

    static ApiException notFound(String id) {
        return new ApiException(HttpStatus.NOT_FOUND, ApiErrorCodes.SOURCE_NOT_FOUND,
                "来源不存在：" + (id.length() > 64 ? id.substring(0, 64) : id));
    }

    private static LastBatch lastBatch(Batch b) {
        return new LastBatch(b.id(), b.fileName(), b.status().name(), b.status().chinese(), b.transport().name(), b.receivedAt());
    }
}
