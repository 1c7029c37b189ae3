package org.tracehub.hub.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.server.ResponseStatusException;

/** What the fallback makes of failures no API advice answered, and that it leaves the console's alone. */
class ApiFallbackProblemsTest {

    private final ApiFallbackProblems fallback = new ApiFallbackProblems();

    @Test
    void aControllersOwnStatusOnAnApiPathKeepsItsChineseReason() throws Exception {
        ResponseEntity<ProblemDetail> answer = fallback.handle(new ResponseStatusException(HttpStatus.NOT_FOUND, "批次不存在：x"),
                new MockHttpServletRequest("GET", "/api/batches/x/somewhere"));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(answer.getBody().getDetail()).isEqualTo("批次不存在：x");
        assertThat(answer.getBody().getProperties()).containsEntry("code", "NOT_FOUND");
    }

    @Test
    void aMultipartBodyThatCannotBeReadIsABadRequestAndATooLargeOneKeepsItsOwnAnswer() throws Exception {
        MockHttpServletRequest upload = new MockHttpServletRequest("POST", "/api/sources/src/files");

        ResponseEntity<ProblemDetail> malformed = fallback.handle(
                new MultipartException("Failed to parse multipart servlet request"), upload);
        ResponseEntity<ProblemDetail> tooLarge = fallback.handle(new MaxUploadSizeExceededException(1000), upload);

        assertThat(malformed.getStatusCode().value()).isEqualTo(400);
        assertThat(malformed.getBody().getProperties()).containsEntry("code", ApiErrorCodes.MULTIPART_INVALID);
        assertThat(malformed.getBody().getDetail()).startsWith("请求内容无法解析").doesNotContain("Failed to parse");
        assertThat(tooLarge.getStatusCode().value()).isEqualTo(413);
        assertThat(tooLarge.getBody().getProperties()).containsEntry("code", "FILE_TOO_LARGE");
    }

    @Test
    void aFailureOutsideTheApiGoesOnToTheConsolesOwnHandling() {
        ResponseStatusException notFound = new ResponseStatusException(HttpStatus.NOT_FOUND, "批次不存在：x");

        assertThatThrownBy(() -> fallback.handle(notFound, new MockHttpServletRequest("GET", "/console/batches/x/receipt.csv")))
                .isSameAs(notFound);
    }
}
