package org.tracehub.hub.web;

import java.time.Clock;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.ModelAndView;
import org.tracehub.platform.trace.TraceChain;
import org.tracehub.platform.trace.TraceChainQuery;

/**
 * The page a consumer's phone opens from a QR code: {@code /t/{code}}, in Chinese, rendered on the
 * server with the hub's own stylesheet (no scripts, no external assets). Times read in the hub's
 * zone ({@code hub.time-zone}). An unknown code gets a 404 page that says so plainly.
 */
@Controller
public class ConsumerPageController {

    private final TraceChainQuery query;
    private final Clock clock;

    public ConsumerPageController(TraceChainQuery query, Clock clock) {
        this.query = query;
        this.clock = clock;
    }

    @GetMapping(ConsumerLinks.PAGE_PREFIX + "{code}")
    public ModelAndView page(@PathVariable String code) {
        if (!TraceCodes.acceptable(code)) {
            return notFound(code);
        }
        TraceChain chain = query.chain(code, TraceChainQuery.DEFAULT_MAX_DEPTH);
        if (chain.notFound()) {
            return notFound(code);
        }
        ModelAndView page = new ModelAndView("trace/chain");
        page.addObject("page", TracePage.of(chain, clock.getZone()));
        return page;
    }

    private static ModelAndView notFound(String code) {
        ModelAndView page = new ModelAndView("trace/not-found");
        page.addObject("code", TraceCodes.shown(code));
        page.setStatus(HttpStatus.NOT_FOUND);
        return page;
    }
}
