package org.tracehub.hub.api;

import java.net.URI;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Turns API failures into RFC 9457 problem documents carrying a stable {@code code}. */
@RestControllerAdvice(basePackages = "org.tracehub.hub.api")
public class ApiProblems {

    @ExceptionHandler(ApiException.class)
    public ProblemDetail handle(ApiException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        problem.setType(URI.create("urn:tracehub:problem:" + e.code().toLowerCase().replace('_', '-')));
        problem.setTitle(e.code());
        problem.setProperty("code", e.code());
        if (e instanceof DetailedApiException detailed) {
            detailed.properties().forEach(problem::setProperty);
        }
        return problem;
    }
}
