package org.tracehub.hub.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tracehub.hub.api.ApiErrorCodes;
import org.tracehub.hub.api.ApiException;

/**
 * QR codes pointing at a code's consumer page. Any well-formed code gets one, reported or not:
 * labels are often printed before the events are loaded. {@code ?size=} (pixels, 100–1000, default
 * 300) and {@code ?ec=} (L, M, Q, H; default M); bad values are a 400 problem document, as is a code that breaks
 * {@link TraceCodes}' rule ({@code TRACE_CODE_FORMAT}). No more images are drawn at once than {@link QrRenderLimit}
 * allows.
 */
@RestController
public class QrCodeController {

    private static final MediaType SVG = MediaType.parseMediaType("image/svg+xml");
    /** The image of a code never changes for the same parameters. */
    private static final CacheControl CACHE = CacheControl.maxAge(Duration.ofDays(1)).cachePublic();

    private final QrCodes qr;
    private final ConsumerLinks links;
    private final QrRenderLimit limit;

    public QrCodeController(QrCodes qr, ConsumerLinks links, QrRenderLimit limit) {
        this.qr = qr;
        this.links = links;
        this.limit = limit;
    }

    @GetMapping("/qr/{code}.png")
    public ResponseEntity<byte[]> png(@PathVariable String code, @RequestParam(required = false) String size,
                                      @RequestParam(required = false) String ec, HttpServletResponse response) {
        QrOptions options = QrOptions.parse(size, ec);
        String target = target(code);
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).cacheControl(CACHE)
                .body(rendered(() -> qr.png(target, options), response));
    }

    @GetMapping("/qr/{code}.svg")
    public ResponseEntity<String> svg(@PathVariable String code, @RequestParam(required = false) String size,
                                      @RequestParam(required = false) String ec, HttpServletResponse response) {
        QrOptions options = QrOptions.parse(size, ec);
        String target = target(code);
        return ResponseEntity.ok().contentType(SVG).cacheControl(CACHE).body(rendered(() -> qr.svg(target, options), response));
    }

    /** Within {@link QrRenderLimit}; beyond it 503 {@code QR_BUSY}, whose answer no cache keeps. */
    private <T> T rendered(Supplier<T> render, HttpServletResponse response) {
        try {
            return limit.run(render);
        } catch (QrRenderLimit.Busy busy) {
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(QrRenderLimit.RETRY_AFTER_SECONDS));
            response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, ApiErrorCodes.QR_BUSY, busy.getMessage());
        }
    }

    /** The page of the code cleaned as the loader cleans it: a label printed from a typed code opens its page directly. */
    private String target(String typed) {
        String code = TraceCodes.cleaned(typed);
        if (!TraceCodes.acceptable(code)) {
            throw TraceCodes.malformed(typed);
        }
        return links.pageOf(code);
    }
}
