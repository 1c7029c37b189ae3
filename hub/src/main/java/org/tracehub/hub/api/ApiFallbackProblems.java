package org.tracehub.hub.api;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.server.ResponseStatusException;
import org.tracehub.schemas.validation.ErrorCodes;

/**
 * What Spring MVC itself refuses on an {@code /api/} path — a method or media type the path does not
 * take, a parameter of the wrong type, an unreadable body (a multipart one too), a path that does not exist — and what
 * fails there unexpectedly, answered as the API's RFC 9457 problem documents with a stable
 * {@code code} and a Chinese {@code detail}, not Boot's default error body. Scripts key on
 * {@code code} whatever went wrong. Other paths (the console, the consumer page) keep their error
 * pages: for them the exception goes on to Spring's default handling. Last of the advices, so that
 * {@link ApiProblems} and a controller's own handlers come first.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ApiFallbackProblems {

    /** A multipart body that cannot be read ({@link ApiErrorCodes#MULTIPART_INVALID}); the console's page says the same. */
    public static final String MULTIPART_INVALID_DETAIL =
            "请求内容无法解析：不是完整的 multipart/form-data 正文（Content-Type 缺少 boundary，或上传中断）";
    /**
     * A part beyond {@code spring.servlet.multipart.max-file-size}; the console's page says the same. The drop-box's
     * words (文件超过平台允许的大小（200 MB），未接收) without the size, which the servlet container does not report.
     */
    public static final String FILE_TOO_LARGE_DETAIL = "文件超过平台允许的大小，未接收";

    private static final Logger log = LoggerFactory.getLogger(ApiFallbackProblems.class);

    @ExceptionHandler(Exception.class)
    public ResponseEntity<ProblemDetail> handle(Exception e, HttpServletRequest request) throws Exception {
        if (!request.getRequestURI().startsWith(request.getContextPath() + "/api/")
                || e instanceof AccessDeniedException || e instanceof AuthenticationException) {
            // not the API's (or the security filters' own answer): Spring's default handling, as before
            throw e;
        }
        HttpHeaders headers = new HttpHeaders();
        HttpStatusCode status;
        String code = null;
        if (e instanceof ErrorResponse response) {
            // a size limit too (MaxUploadSizeExceededException): 413 FILE_TOO_LARGE
            status = response.getStatusCode();
            headers.addAll(response.getHeaders());
        } else if (e instanceof TypeMismatchException || e instanceof HttpMessageNotReadableException) {
            status = HttpStatus.BAD_REQUEST;
        } else if (e instanceof MultipartException) {
            // the client's body, not the hub: no boundary (curl -H 'Content-Type: multipart/form-data' --data-binary),
            // cut off, or the client gone
            status = HttpStatus.BAD_REQUEST;
            code = ApiErrorCodes.MULTIPART_INVALID;
        } else {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        if (status.is5xxServerError()) {
            log.error("API request {} {} failed", request.getMethod(), request.getRequestURI(), e);
        }
        ProblemDetail problem = ApiProblems.problem(status, code != null ? code : code(status), detail(e, status, request));
        return ResponseEntity.status(status).headers(headers).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    static String code(HttpStatusCode status) {
        if (status.value() == HttpStatus.PAYLOAD_TOO_LARGE.value()) {
            return ErrorCodes.FILE_TOO_LARGE;
        }
        if (status.is5xxServerError()) {
            return ApiErrorCodes.INTERNAL_ERROR;
        }
        HttpStatus known = HttpStatus.resolve(status.value());
        return known == null ? ApiErrorCodes.BAD_REQUEST : known.name();
    }

    private static String detail(Exception e, HttpStatusCode status, HttpServletRequest request) {
        if (e instanceof ResponseStatusException r && r.getReason() != null) {
            // thrown by our own controllers, with a Chinese reason (批次不存在：…)
            return r.getReason();
        }
        if (e instanceof MethodArgumentTypeMismatchException m) {
            return "参数“" + m.getName() + "”的值“" + m.getValue() + "”无效";
        }
        if (e instanceof MissingServletRequestParameterException m) {
            return "缺少参数“" + m.getParameterName() + "”";
        }
        if (e instanceof HttpMessageNotReadableException) {
            return "请求内容无法解析";
        }
        if (e instanceof MultipartException) {
            return MULTIPART_INVALID_DETAIL;
        }
        if (e instanceof HttpRequestMethodNotSupportedException) {
            return "接口" + request.getRequestURI() + "不支持" + request.getMethod() + "请求";
        }
        if (e instanceof HttpMediaTypeNotSupportedException m) {
            return "不支持的请求内容类型：" + m.getContentType();
        }
        return switch (status.value()) {
            case 400 -> "请求无效";
            case 404 -> "没有这个接口：" + request.getMethod() + " " + request.getRequestURI();
            case 406 -> "无法按请求的格式（Accept）返回结果";
            case 413 -> FILE_TOO_LARGE_DETAIL;
            default -> status.is5xxServerError()
                    ? "服务器内部错误（已记录日志），请稍后重试；若一再出现，请联系管理员"
                    : "请求未能处理（HTTP " + status.value() + "）";
        };
    }
}
