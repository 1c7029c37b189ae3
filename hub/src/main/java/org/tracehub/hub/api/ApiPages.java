package org.tracehub.hub.api;

import org.springframework.http.HttpStatus;
import org.tracehub.hub.console.Pages;

/**
 * The row offset of an API page: a negative page is the first, one beyond every row an empty page; one deeper than
 * {@link Pages#MAX_ROWS_SKIPPED} rows is refused ({@link ApiErrorCodes#PAGE_TOO_DEEP}), as the console stops there too.
 */
final class ApiPages {

    private ApiPages() {
    }

    /** @param narrowing how the caller narrows this list instead (in Chinese, for the message) */
    static int offset(int page, int size, String narrowing) {
        if (page > Pages.deepest(size)) {
            throw new ApiException(HttpStatus.BAD_REQUEST, ApiErrorCodes.PAGE_TOO_DEEP,
                    "页码过大：此列表最多翻到第 " + Pages.deepest(size) + " 页（page 从 0 起）。" + narrowing);
        }
        return Math.max(page, 0) * size;
    }
}
