package org.tracehub.hub.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.tracehub.hub.audit.AuditInterceptor;
import org.tracehub.hub.dryrun.DryRunRefused;
import org.tracehub.hub.dryrun.DryRunResult;
import org.tracehub.hub.dryrun.SpecDryRun;

/** Tries a mapping spec on a sample file without loading anything. */
@RestController
@Tag(name = "specs")
public class SpecDryRunController {

    private final SpecDryRun dryRun;

    public SpecDryRunController(SpecDryRun dryRun) {
        this.dryRun = dryRun;
    }

    @PostMapping(path = "/api/specs/dry-run", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "映射试运行", description = "Loads the spec (YAML) and converts the sample with it: the first `limit` "
            + "events as standard XML fragments, every row problem, the counts. Nothing is stored or loaded.")
    @ApiResponse(responseCode = "200")
    @ApiResponse(responseCode = "400", description = "BAD_REQUEST (spec or file missing)",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "422", description = "SPEC_INVALID (with `problems`: file:line: key: message), "
            + "FILE_UNKNOWN, SAMPLE_UNREADABLE (with `fileCode`)", content = @Content(mediaType = "application/problem+json"))
    public DryRunResult dryRun(@RequestPart(name = "spec", required = false) MultipartFile spec,
                               @RequestPart(name = "file", required = false) MultipartFile file,
                               @Parameter(description = "events to return, 1 … " + SpecDryRun.MAX_LIMIT)
                               @RequestParam(defaultValue = "" + SpecDryRun.DEFAULT_LIMIT) int limit,
                               HttpServletRequest request) throws IOException {
        if (spec == null || spec.isEmpty() || file == null || file.getOriginalFilename() == null) {
            throw new ApiException(HttpStatus.BAD_REQUEST, ApiErrorCodes.BAD_REQUEST, "请同时上传映射文件（spec）和样例文件（file）");
        }
        String specName = spec.getOriginalFilename() == null ? "spec.yaml" : spec.getOriginalFilename();
        try (InputStream sample = file.getInputStream()) {
            DryRunResult result = dryRun.run(spec.getBytes(), specName, sample, file.getOriginalFilename(), limit);
            request.setAttribute(AuditInterceptor.SOURCE_ID, result.source());
            request.setAttribute(AuditInterceptor.DETAIL, "read=" + result.counts().read() + " accepted=" + result.counts().accepted()
                    + " rejected=" + result.counts().rejected());
            return result;
        } catch (DryRunRefused e) {
            throw problem(e);
        }
    }

    static DetailedApiException problem(DryRunRefused e) {
        Map<String, Object> properties = new HashMap<>();
        if (!e.problems().isEmpty()) {
            properties.put("problems", e.problems());
        }
        if (e.fileCode() != null) {
            properties.put("fileCode", e.fileCode());
        }
        return new DetailedApiException(HttpStatus.UNPROCESSABLE_CONTENT, e.code(), e.getMessage(), properties);
    }
}
