package org.tracehub.hub.console;

import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;
import org.tracehub.hub.security.HubRole;
import org.tracehub.hub.security.SecurityCurrentUser;
import org.tracehub.jobs.actions.BulkReprocess;
import org.tracehub.routes.intake.SourceIds;

/**
 * The sources: a list, and one source's spec, recent batches, SFTP and pull status; for a source no longer configured that
 * sent batches, a page that says so and lists them.
 */
@Controller
public class SourcePagesController {

    private static final int RECENT = 20;

    /** Bulk reprocess requests listed on the source page (admins only: the requests name who asked). */
    private static final int BULK_LISTED = 5;

    private final SourceStatusQuery sources;
    private final BatchSearch batches;
    private final BulkReprocess bulk;
    private final SecurityCurrentUser currentUser;

    public SourcePagesController(SourceStatusQuery sources, BatchSearch batches, BulkReprocess bulk, SecurityCurrentUser currentUser) {
        this.sources = sources;
        this.batches = batches;
        this.bulk = bulk;
        this.currentUser = currentUser;
    }

    @GetMapping("/console/sources")
    public String list(Model model) {
        model.addAttribute("sources", sources.all());
        model.addAttribute("specFolderProblem", sources.specFolderProblem().orElse(null));
        model.addAttribute("otherRefusedSpecs", sources.refusedSpecsOfNoSource());
        return "console/sources";
    }

    @GetMapping("/console/sources/{id}")
    public String source(@PathVariable String id, Model model) {
        BatchFilter ofSource = new BatchFilter(id, null, null, null);
        Optional<SourceStatus> known = sources.of(id);
        if (known.isEmpty()) {
            // removed from the configuration (its spec, account and pull gone): its batches stay, and every batch, list,
            // dashboard and audit row links here, so the page says what became of the source and lists them
            long count = SourceIds.isWellFormed(id) ? batches.count(ofSource) : 0;
            if (count == 0) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND, "来源不存在：" + id);
            }
            model.addAttribute("sourceId", id);
            model.addAttribute("batchCount", count);
            model.addAttribute("batches", batches.find(ofSource, 0, RECENT));
            return "console/source-removed";
        }
        SourceStatus source = known.get();
        model.addAttribute("source", source);
        model.addAttribute("specText", source.hasSpec() ? sources.specText(source.spec()).orElse(null) : null);
        model.addAttribute("batches", batches.find(ofSource, 0, RECENT));
        model.addAttribute("bulkRequests", currentUser.has(HubRole.ADMIN) ? bulk.ofSource(id, BULK_LISTED) : java.util.List.of());
        return "console/source";
    }
}
