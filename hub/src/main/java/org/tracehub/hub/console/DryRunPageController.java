package org.tracehub.hub.console;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.tracehub.hub.audit.AuditInterceptor;
import org.tracehub.hub.dryrun.DryRunRefused;
import org.tracehub.hub.dryrun.DryRunResult;
import org.tracehub.hub.dryrun.SpecDryRun;
import org.tracehub.mappings.catalog.SpecCatalog;

/**
 * The spec dry run page: paste or pick a spec (prefilled with a source's current spec), pick a sample,
 * see the first events and every row problem. Same service as {@code POST /api/specs/dry-run}.
 */
@Controller
public class DryRunPageController {

    private final SpecDryRun dryRun;
    private final SpecCatalog catalog;
    private final SourceStatusQuery sources;

    public DryRunPageController(SpecDryRun dryRun, SpecCatalog catalog, SourceStatusQuery sources) {
        this.dryRun = dryRun;
        this.catalog = catalog;
        this.sources = sources;
    }

    @GetMapping("/console/dry-run")
    public String form(@RequestParam(required = false) String source, Model model) {
        String yaml = source == null ? "" : catalog.source(source).flatMap(sources::specText).orElse("");
        model.addAttribute("specText", yaml);
        model.addAttribute("limit", SpecDryRun.DEFAULT_LIMIT);
        return "console/dry-run";
    }

    @PostMapping("/console/dry-run")
    public String run(@RequestParam(name = "specText", required = false) String specText,
                      @RequestParam(name = "file", required = false) MultipartFile file,
                      @RequestParam(defaultValue = "" + SpecDryRun.DEFAULT_LIMIT) int limit,
                      jakarta.servlet.http.HttpServletRequest request, Model model) throws IOException {
        model.addAttribute("specText", specText == null ? "" : specText);
        model.addAttribute("limit", limit);
        // no file chosen is a part without a name; a chosen file of 0 bytes goes on, for the dry run to say it is empty
        if (specText == null || specText.isBlank() || file == null || file.getOriginalFilename() == null
                || file.getOriginalFilename().isEmpty()) {
            model.addAttribute("refusal", "请填写映射内容并选择样例文件");
            return "console/dry-run";
        }
        try (InputStream sample = file.getInputStream()) {
            DryRunResult result = dryRun.run(specText.getBytes(StandardCharsets.UTF_8), "spec.yaml", sample, file.getOriginalFilename(), limit);
            request.setAttribute(AuditInterceptor.SOURCE_ID, result.source());
            model.addAttribute("result", result);
            model.addAttribute("sampleName", file.getOriginalFilename());
        } catch (DryRunRefused e) {
            model.addAttribute("refusal", e.getMessage());
            model.addAttribute("refusalCode", e.fileCode() != null ? e.fileCode() : e.code());
            model.addAttribute("specProblems", e.problems());
        }
        return "console/dry-run";
    }
}
