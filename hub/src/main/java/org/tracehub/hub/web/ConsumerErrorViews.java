package org.tracehub.hub.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;

/**
 * The error page of a consumer's address ({@code /t/…}, {@code /T/…}) that never reached the page's controller — the
 * firewall refused it ({@code /t/A;B}, {@code /t/%2E}, a line break) or it names no page ({@code /t/}): the
 * phone-sized {@code trace/bad-address} page, which asks the shopper to scan the label again or type the code, instead
 * of the console's page about dates and page numbers. Ahead of Boot's resolver, which finds {@code error/4xx}.
 */
@Component
public class ConsumerErrorViews implements ErrorViewResolver, Ordered {

    static final String VIEW = "trace/bad-address";

    @Override
    public ModelAndView resolveErrorView(HttpServletRequest request, HttpStatus status, Map<String, Object> model) {
        Object path = model.get("path");
        if (!status.is4xxClientError() || !(path instanceof String p) || !isConsumerPath(p)) {
            return null;
        }
        return new ModelAndView(VIEW, model, status);
    }

    static boolean isConsumerPath(String path) {
        return path.startsWith(ConsumerLinks.PAGE_PREFIX) || path.startsWith(ConsumerLinks.CAPITAL_PAGE_PREFIX);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
