package org.tracehub.hub.outage;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.View;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;

/**
 * Answers a database outage met before the request reached a controller, where {@link DatabaseUnavailableResolver}
 * cannot see it: in the security filters (whether a sender owns a batch is read from the batch's row) and in the
 * filters that read the store for the log's context. Without it the failure went to the container's error page as a
 * 500. Registered just outside Spring Security ({@link OutageConfiguration}).
 */
class DatabaseUnavailableFilter extends OncePerRequestFilter {

    private final DatabaseUnavailableAnswers answers;
    private final ObjectProvider<ThymeleafViewResolver> views;

    DatabaseUnavailableFilter(DatabaseUnavailableAnswers answers, ObjectProvider<ThymeleafViewResolver> views) {
        this.answers = answers;
        this.views = views;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | IOException | RuntimeException e) {
            if (response.isCommitted() || !DatabaseOutages.isOutage(e)) {
                throw e;
            }
            ModelAndView page = answers.answer(request, response, e);
            if (page != null) {
                render(page, request, response);
            }
        }
    }

    private void render(ModelAndView page, HttpServletRequest request, HttpServletResponse response) throws ServletException {
        try {
            View view = views.getObject().resolveViewName(page.getViewName(), Locale.SIMPLIFIED_CHINESE);
            if (view == null) {
                throw new IllegalStateException("no template " + page.getViewName());
            }
            view.render(page.getModel(), request, response);
        } catch (Exception e) {
            throw new ServletException("the database-unavailable page could not be rendered", e);
        }
    }
}
