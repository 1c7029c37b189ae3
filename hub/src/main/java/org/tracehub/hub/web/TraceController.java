package org.tracehub.hub.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.tracehub.hub.api.ApiErrorCodes;
import org.tracehub.hub.api.ApiException;
import org.tracehub.hub.api.DetailedApiException;
import org.tracehub.platform.trace.TraceChain;

/**
 * The public trace query behind the QR codes. A code containing "/" is asked for as one segment
 * with {@code %2F} ({@code /api/trace/JC%2F2019%2F000456}); see {@link EncodedSlashConfiguration}.
 * A code the hub could never have loaded is a 400 ({@link TraceCodes}), as on the page and for the QR codes;
 * a well-formed code nobody reported is a 404. The code is cleaned as the page cleans it ({@link TraceCodes#cleaned}) and
 * looked up as it then reads: trace codes are case-sensitive, so a code nobody reported so is a 404 whose
 * {@code suggestions} name the stored codes equal to it but for case or typing slips
 * ({@link PublicTraceChains#suggestions}), never another code's chain answered in its place.
 */
@RestController
public class TraceController {

    private final PublicTraceChains chains;

    public TraceController(PublicTraceChains chains) {
        this.chains = chains;
    }

    @GetMapping("/api/trace/{code}")
    public TraceChain trace(@PathVariable String code, HttpServletResponse response) {
        String cleaned = TraceCodes.cleaned(code);
        if (!TraceCodes.acceptable(cleaned)) {
            throw TraceCodes.malformed(code);
        }
        TraceChain chain;
        List<String> suggestions = List.of();
        try {
            chain = chains.chain(cleaned);
            if (chain.notFound()) {
                suggestions = chains.suggestions(cleaned);
            }
        } catch (PublicQueryLimit.Busy busy) {
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(PublicQueryLimit.RETRY_AFTER_SECONDS));
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, ApiErrorCodes.TRACE_BUSY, busy.getMessage());
        }
        if (chain.notFound()) {
            // names to offer, not another code's chain: the client shows the one asked for or none
            String detail = "未找到追溯码“" + cleaned + "”的追溯信息"
                    + (suggestions.isEmpty() ? "" : "；您要查的是不是：" + String.join("、", suggestions));
            throw new DetailedApiException(HttpStatus.NOT_FOUND, ApiErrorCodes.TRACE_CODE_NOT_FOUND, detail, Map.of("suggestions", suggestions));
        }
        return chain;
    }
}
