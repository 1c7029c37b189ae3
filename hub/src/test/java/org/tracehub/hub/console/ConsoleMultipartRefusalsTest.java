package org.tracehub.hub.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.ModelAndView;
import org.tracehub.hub.audit.AuditInterceptor;

/** The size limit on a console form, which the shared context's 200 MB limit makes too costly to reach over HTTP. */
class ConsoleMultipartRefusalsTest {

    @Test
    void aConsoleFormsFileBeyondTheSizeLimitIsTheConsolesPageWithTheApisCode() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/console/dry-run");

        ModelAndView page = new ConsoleMultipartRefusals().unreadable(new MaxUploadSizeExceededException(1000), request);

        assertThat(page.getViewName()).isEqualTo("error/4xx");
        assertThat(page.getStatus()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
        assertThat(page.getModel()).containsEntry("status", 413).containsEntry("errorCode", "FILE_TOO_LARGE")
                .containsEntry("errorMessage", "文件超过平台允许的大小，未接收").containsEntry("path", "/console/dry-run");
        assertThat(request.getAttribute(AuditInterceptor.DETAIL)).isEqualTo("FILE_TOO_LARGE: 文件超过平台允许的大小，未接收");
    }
}
