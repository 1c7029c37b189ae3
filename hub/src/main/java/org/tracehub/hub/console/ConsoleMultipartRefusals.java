package org.tracehub.hub.console;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.ModelAndView;
import org.tracehub.hub.api.ApiErrorCodes;
import org.tracehub.hub.api.ApiFallbackProblems;
import org.tracehub.hub.audit.AuditInterceptor;
import org.tracehub.schemas.validation.ErrorCodes;

/**
 * A console form's multipart body that cannot be read — no boundary in its {@code Content-Type} (a script's
 * {@code curl -H 'Content-Type: multipart/form-data' --data-binary}), cut off — or whose file is beyond the size limit:
 * the client's, answered 400 {@link ApiErrorCodes#MULTIPART_INVALID} (413 {@link ErrorCodes#FILE_TOO_LARGE}) on the
 * console's error page with the API's words, not the 500 page as if the hub had failed. The body is parsed when the
 * controller reads its parameters (lazily: {@code spring.servlet.multipart.resolve-lazily}), so the failure reaches the
 * console's controllers; ahead of {@link ApiFallbackProblems}, which leaves the console's failures alone.
 */
@ControllerAdvice(basePackageClasses = ConsoleMultipartRefusals.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ConsoleMultipartRefusals {

    static final String VIEW = "error/4xx";

    @ExceptionHandler(MultipartException.class)
    public ModelAndView unreadable(MultipartException e, HttpServletRequest request) {
        boolean tooLarge = e instanceof MaxUploadSizeExceededException;
        HttpStatus status = tooLarge ? HttpStatus.PAYLOAD_TOO_LARGE : HttpStatus.BAD_REQUEST;
        String code = tooLarge ? ErrorCodes.FILE_TOO_LARGE : ApiErrorCodes.MULTIPART_INVALID;
        String text = tooLarge ? ApiFallbackProblems.FILE_TOO_LARGE_DETAIL : ApiFallbackProblems.MULTIPART_INVALID_DETAIL;
        // a page rendered here leaves the audit entry no exception to describe the failure by
        request.setAttribute(AuditInterceptor.DETAIL, code + ": " + text);
        ModelAndView page = new ModelAndView(VIEW);
        page.setStatus(status);
        page.addObject("status", status.value());
        page.addObject("path", request.getRequestURI().substring(request.getContextPath().length()));
        page.addObject("errorCode", code);
        page.addObject("errorMessage", text);
        return page;
    }
}
