package org.tracehub.hub.web;

import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.tracehub.hub.api.ApiException;
import org.tracehub.hub.api.ApiProblems;

/** The QR endpoints and the public trace JSON answer failures with the same RFC 9457 problem documents as the API. */
@Order(0)
@RestControllerAdvice(assignableTypes = {QrCodeController.class, TraceController.class})
public class WebProblems {

    private final ApiProblems problems;

    public WebProblems(ApiProblems problems) {
        this.problems = problems;
    }

    @ExceptionHandler(ApiException.class)
    public ProblemDetail handle(ApiException e) {
        return problems.handle(e);
    }
}
