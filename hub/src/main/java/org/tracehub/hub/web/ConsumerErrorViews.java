package org.tracehub.hub.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.boot.webmvc.autoconfigure.error.DefaultErrorViewResolver;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;

/**
 * The error page of a consumer's address ({@code /t/…}, {@code /T/…}) that never reached the page's controller — the
 * firewall refused it ({@code /t/A;B}, {@code /t/%2E}, a line break) or it names no page ({@code /t/}): the
 * phone-sized {@code trace/bad-address} page, which asks the shopper to scan the label again or type the code, instead
 * of the console's page about dates and page numbers. Any other error goes to Boot's own resolver (the console's
 * {@code error/4xx}, {@code error/403} …), which Boot no longer makes itself once an {@link ErrorViewResolver} bean exists.
 */
@Component
public class ConsumerErrorViews implements ErrorViewResolver, Ordered {

    static final String VIEW = "trace/bad-address";

    private final DefaultErrorViewResolver others;

    public ConsumerErrorViews(ApplicationContext context, WebProperties web) {
        this.others = new DefaultErrorViewResolver(context, web.getResources());
    }

    @Override
    public ModelAndView resolveErrorView(HttpServletRequest request, HttpStatus status, Map<String, Object> model) {
        Object path = model.get("path");
        if (!status.is4xxClientError() || !(path instanceof String p) || !isConsumerPath(p)) {
            return others.resolveErrorView(request, status, model);
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
