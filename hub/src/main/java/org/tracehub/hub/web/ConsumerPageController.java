package org.tracehub.hub.web;

import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.view.RedirectView;
import org.springframework.web.util.UriUtils;
import org.tracehub.hub.api.ApiErrorCodes;
import org.tracehub.platform.trace.TraceChain;
import org.tracehub.platform.trace.TraceChainQuery;

/**
 * The page a consumer's phone opens from a QR code: {@code /t/{code}}, in Chinese, rendered on the
 * server with the hub's own stylesheet (no scripts, no external assets). Times read in the hub's
 * zone ({@code hub.time-zone}). An unknown code gets a 404 page that says so plainly; a code that cannot be one
 * ({@link TraceCodes}) a 400 page that asks the consumer to check it. An identifier that several pieces of equipment
 * declare (a 96333 code reissued to a new lift) gets a page to choose the equipment from, each with its newest record.
 * A code typed by hand is cleaned as the loader cleans a file's cells ({@link TraceCodes#cleaned}) and, if that changed
 * it, redirected (301) to the page of the cleaned code: the only code it can be, as the loader stores every code cleaned.
 * A code not found as typed is never redirected to, nor shown as, another stored code: the not-found page (404) asks
 * 您要查的是不是… and links the stored codes equal to it but for letter case, or without the punctuation a chat app adds
 * after it and the spaces and hyphens typed inside it ({@link TypingSlips}), for the consumer to compare with the label —
 * a label scanned before its nightly load would otherwise open another operator's lot whose code differs only so.
 */
@Controller
public class ConsumerPageController {

    private final PublicTraceChains chains;
    private final Clock clock;
    private final ProgrammeScope scope;

    public ConsumerPageController(PublicTraceChains chains, Clock clock, ProgrammeScope scope) {
        this.chains = chains;
        this.clock = clock;
        this.scope = scope;
    }

    @GetMapping(ConsumerLinks.PAGE_PREFIX + "{code}")
    public ModelAndView page(@PathVariable String code, HttpServletResponse response) {
        String cleaned = TraceCodes.cleaned(code);
        if (!TraceCodes.acceptable(cleaned)) {
            return badCode(code);
        }
        if (!cleaned.equals(code)) {
            // the loader stores every code cleaned: this one can only ever be the cleaned code's page
            return redirect(cleaned, HttpStatus.MOVED_PERMANENTLY);
        }
        TraceChain chain;
        List<String> suggestions = List.of();
        try {
            chain = chains.chain(code);
            if (chain.notFound()) {
                suggestions = chains.suggestions(code);
            }
        } catch (PublicQueryLimit.Busy busy) {
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(PublicQueryLimit.RETRY_AFTER_SECONDS));
            ModelAndView page = new ModelAndView("trace/unavailable");
            page.addObject("message", busy.getMessage());
            page.addObject("errorCode", ApiErrorCodes.TRACE_BUSY);
            page.setStatus(HttpStatus.SERVICE_UNAVAILABLE);
            return page;
        }
        if (chain.notFound()) {
            // offered, never opened for him: before a nightly load the code as typed may be another operator's lot's twin
            ModelAndView page = notFound(code);
            page.addObject("suggestions", suggestions.stream().map(ConsumerPageController::suggestion).toList());
            return page;
        }
        if (chain.ambiguous()) {
            // an identifier several pieces of equipment declare: merged, their records would read as one machine's
            ModelAndView choose = new ModelAndView("trace/choose");
            choose.addObject("code", TraceCodes.shown(code));
            choose.addObject("choices", EquipmentChoice.of(chain.candidates(), clock.getZone()));
            choose.addObject("more", chain.truncated());
            choose.addObject("shownAtMost", TraceChainQuery.MAX_CHOICES);
            return choose;
        }
        ModelAndView page = new ModelAndView("trace/chain");
        page.addObject("page", TracePage.of(chain, clock, scope::inputsFromOutside));
        return page;
    }

    /**
     * The code entry form of the not-found and bad-code pages ({@code GET /t/?code=…}: a form without scripts cannot
     * put the code into the path): on to the code's page.
     */
    @GetMapping(value = ConsumerLinks.PAGE_PREFIX, params = "code")
    public ModelAndView typedIn(@RequestParam String code) {
        String cleaned = TraceCodes.cleaned(code);
        return TraceCodes.acceptable(cleaned) ? redirect(cleaned, HttpStatus.FOUND) : badCode(code);
    }

    /**
     * {@code /T/{code}}: label printers encode a URL in capitals to fit QR's alphanumeric mode
     * ({@code HTTPS://HOST/T/CODE}); permanently the page of the code as given, which {@code /t/} then cleans and finds in
     * any case.
     */
    @GetMapping(ConsumerLinks.CAPITAL_PAGE_PREFIX + "{code}")
    public ModelAndView capitalised(@PathVariable String code) {
        return redirect(code, HttpStatus.MOVED_PERMANENTLY);
    }

    /** {@code /T/?code=}: the code form's address in capitals, on to {@code /t/?code=}. */
    @GetMapping(value = ConsumerLinks.CAPITAL_PAGE_PREFIX, params = "code")
    public ModelAndView capitalisedTypedIn(@RequestParam String code) {
        RedirectView to = new RedirectView(ConsumerLinks.PAGE_PREFIX + "?code=" + UriUtils.encodeQueryParam(code, StandardCharsets.UTF_8), true);
        return new ModelAndView(redirectView(to, HttpStatus.MOVED_PERMANENTLY));
    }

    /**
     * {@code /t/} with no code: the address cut off, not a request for the form (which always sends {@code code}) — the
     * error page for an address that does not exist, as before the form, not Spring's 400 for a missing parameter.
     */
    @GetMapping(value = ConsumerLinks.PAGE_PREFIX, params = "!code")
    public ModelAndView noCode() {
        throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    }

    private static ModelAndView redirect(String code, HttpStatus status) {
        return new ModelAndView(redirectView(new RedirectView(ConsumerLinks.PAGE_PREFIX + ConsumerLinks.segmentOf(code), true), status));
    }

    private static RedirectView redirectView(RedirectView to, HttpStatus status) {
        // the address is percent-encoded already: no template to expand, nothing to encode again
        to.setExpandUriTemplateVariables(false);
        to.setExposeModelAttributes(false);
        to.setStatusCode(status);
        return to;
    }

    /** A stored code offered on the not-found page, and the address of its own page. */
    public record Suggestion(String code, String href) {
    }

    private static Suggestion suggestion(String code) {
        return new Suggestion(code, ConsumerLinks.PAGE_PREFIX + ConsumerLinks.segmentOf(code));
    }

    private static ModelAndView notFound(String code) {
        return answer("trace/not-found", code, HttpStatus.NOT_FOUND, ApiErrorCodes.TRACE_CODE_NOT_FOUND);
    }

    /** Not "not reported yet": such a code was mistyped or cut off, and waiting would not help. */
    private static ModelAndView badCode(String code) {
        return answer("trace/bad-code", code, HttpStatus.BAD_REQUEST, ApiErrorCodes.TRACE_CODE_FORMAT);
    }

    /** The error code goes into the page as {@code data-error-code}, the same the trace JSON answers with. */
    private static ModelAndView answer(String view, String code, HttpStatus status, String errorCode) {
        ModelAndView page = new ModelAndView(view);
        page.addObject("code", TraceCodes.shown(code));
        page.addObject("errorCode", errorCode);
        page.setStatus(status);
        return page;
    }
}
