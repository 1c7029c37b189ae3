package org.tracehub.hub.console;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/** The sources: a list, and one source's spec, recent batches, SFTP and pull status. */
@Controller
public class SourcePagesController {

    private static final int RECENT = 20;

    private final SourceStatusQuery sources;
    private final BatchSearch batches;

    public SourcePagesController(SourceStatusQuery sources, BatchSearch batches) {
        this.sources = sources;
        this.batches = batches;
    }

    @GetMapping("/console/sources")
    public String list(Model model) {
        model.addAttribute("sources", sources.all());
        return "console/sources";
    }

    @GetMapping("/console/sources/{id}")
    public String source(@PathVariable String id, Model model) {
        SourceStatus source = sources.of(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "来源不存在：" + id));
        model.addAttribute("source", source);
        model.addAttribute("specText", source.hasSpec() ? sources.specText(source.spec()).orElse(null) : null);
        model.addAttribute("batches", batches.find(new BatchFilter(id, null, null, null), 0, RECENT));
        return "console/source";
    }
}
