package org.tracehub.hub.api;

import java.net.URI;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns API failures into RFC 9457 problem documents carrying a stable {@code code}. Ahead of
 * {@link ApiFallbackProblems}, which answers whatever this does not.
 */
@Order(0)
@RestControllerAdvice(basePackages = "org.tracehub.hub.api")
public class ApiProblems {

    @ExceptionHandler(ApiException.class)
    public ProblemDetail handle(ApiException e) {
        ProblemDetail problem = problem(e.status(), e.code(), e.getMessage());
        if (e instanceof DetailedApiException detailed) {
            detailed.properties().forEach(problem::setProperty);
        }
        return problem;
    }

    /** The hub's problem document: type {@code urn:tracehub:problem:<code>}, the code as title and as {@code code}. */
    public static ProblemDetail problem(org.springframework.http.HttpStatusCode status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:tracehub:problem:" + code.toLowerCase().replace('_', '-')));
        problem.setTitle(code);
        problem.setProperty("code", code);
        return problem;
    }
}
