package org.tracehub.hub.web;

import java.time.Duration;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * QR codes pointing at a code's consumer page. Any well-formed code gets one, reported or not:
 * labels are often printed before the events are loaded. {@code ?size=} (pixels, 100–1000, default
 * 300) and {@code ?ec=} (L, M, Q, H; default M); bad values are a 400 problem document, as is a code that breaks
 * {@link TraceCodes}' rule ({@code TRACE_CODE_FORMAT}).
 */
@RestController
public class QrCodeController {

    private static final MediaType SVG = MediaType.parseMediaType("image/svg+xml");
    /** The image of a code never changes for the same parameters. */
    private static final CacheControl CACHE = CacheControl.maxAge(Duration.ofDays(1)).cachePublic();

    private final QrCodes qr;
    private final ConsumerLinks links;

    public QrCodeController(QrCodes qr, ConsumerLinks links) {
        this.qr = qr;
        this.links = links;
    }

    @GetMapping("/qr/{code}.png")
    public ResponseEntity<byte[]> png(@PathVariable String code, @RequestParam(required = false) String size,
                                      @RequestParam(required = false) String ec) {
        QrOptions options = QrOptions.parse(size, ec);
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).cacheControl(CACHE).body(qr.png(target(code), options));
    }

    @GetMapping("/qr/{code}.svg")
    public ResponseEntity<String> svg(@PathVariable String code, @RequestParam(required = false) String size,
                                      @RequestParam(required = false) String ec) {
        QrOptions options = QrOptions.parse(size, ec);
        return ResponseEntity.ok().contentType(SVG).cacheControl(CACHE).body(qr.svg(target(code), options));
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
