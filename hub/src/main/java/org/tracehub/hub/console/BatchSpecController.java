package org.tracehub.hub.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.tracehub.mappings.catalog.SpecArchive;
import org.tracehub.platform.batch.BatchRepository;

/**
 * The text of the spec version that made a batch, as kept under the data directory by its fingerprint (V33): the source's
 * spec file may have changed many times since, and the version in use says nothing of the one its rows were converted by.
 */
@Controller
public class BatchSpecController {

    private final BatchRepository batches;
    private final SpecArchive archive;

    public BatchSpecController(BatchRepository batches, SpecArchive archive) {
        this.batches = batches;
        this.archive = archive;
    }

    /** @param loaded the version of the attempt the trace store holds, instead of the current attempt's */
    @GetMapping(path = "/console/batches/{id}/spec.yml")
    public ResponseEntity<String> spec(@PathVariable String id, @RequestParam(defaultValue = "false") boolean loaded) {
        BatchRepository.SpecVersions versions = batches.specVersions(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "没有此批次"));
        String fingerprint = loaded ? versions.loaded() : versions.current();
        String text = archive.text(fingerprint).map(file -> {
            try {
                return Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "此批次的映射规范文本未保存"));
        return ResponseEntity.ok().contentType(new MediaType("text", "plain", StandardCharsets.UTF_8))
                .header("X-Spec-Fingerprint", fingerprint).body(text);
    }
}
