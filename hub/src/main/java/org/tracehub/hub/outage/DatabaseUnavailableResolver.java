package org.tracehub.hub.outage;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Takes a database outage out of a controller (or an interceptor) before the {@code @ExceptionHandler} advices see it:
 * {@code ApiFallbackProblems} would answer any failure on the API as a 500 INTERNAL_ERROR with its stack trace logged,
 * and the console and consumer page would get the generic error page. Runs right after Spring Boot's
 * {@code DefaultErrorAttributes}, which only records the exception.
 */
@Component
class DatabaseUnavailableResolver implements HandlerExceptionResolver, Ordered {

    private final DatabaseUnavailableAnswers answers;

    DatabaseUnavailableResolver(DatabaseUnavailableAnswers answers) {
        this.answers = answers;
    }

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler, Exception e) {
        if (response.isCommitted() || !DatabaseOutages.isOutage(e)) {
            return null;
        }
        try {
            ModelAndView page = answers.answer(request, response, e);
            return page != null ? page : new ModelAndView();
        } catch (IOException writeFailed) {
            throw new UncheckedIOException(writeFailed);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}
