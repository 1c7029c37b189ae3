package org.tracehub.jobs.importjob;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.util.List;
import org.junit.jupiter.api.Test;

class StagedPageReaderTest {

    @Test
    void readsThePayloadsInOrderBetweenThePageTags() throws IOException {
        List<String> payloads = List.of("<event>一</event>", "", "<event>猪肉 批次 TZ-0042</event>", "<e/>");

        assertThat(readAll(new StagedPageReader(payloads), 7))
                .isEqualTo("<page><event>一</event><event>猪肉 批次 TZ-0042</event><e/></page>");
    }

    @Test
    void readsTheSameWhateverTheCallersBufferSize() throws IOException {
        List<String> payloads = List.of("<a>12345</a>", "<b>六七八九十</b>", "<c/>");
        String whole = readAll(new StagedPageReader(payloads), 4096);

        for (int size = 1; size <= 40; size++) {
            assertThat(readAll(new StagedPageReader(payloads), size)).as("buffer of %d chars", size).isEqualTo(whole);
        }
    }

    @Test
    void anEmptyPageIsTheTwoTags() throws IOException {
        assertThat(readAll(new StagedPageReader(List.of()), 3)).isEqualTo("<page></page>");
    }

    @Test
    void aReadAfterTheEndOrAfterCloseReturnsMinusOne() throws IOException {
        StagedPageReader reader = new StagedPageReader(List.of("<x/>"));
        readAll(reader, 100);
        assertThat(reader.read(new char[10], 0, 10)).isEqualTo(-1);

        StagedPageReader closed = new StagedPageReader(List.of("<x/>"));
        closed.close();
        assertThat(closed.read(new char[10], 0, 10)).isEqualTo(-1);
    }

    @Test
    void aReadIntoTheMiddleOfABufferFillsOnlyThatPart() throws IOException {
        char[] buffer = "..........".toCharArray();

        int n = new StagedPageReader(List.of("<x/>")).read(buffer, 2, 3);

        assertThat(n).isEqualTo(3);
        assertThat(new String(buffer)).isEqualTo("..<pa.....");
    }

    private static String readAll(Reader reader, int bufferSize) throws IOException {
        StringBuilder out = new StringBuilder();
        char[] buffer = new char[bufferSize];
        for (int n; (n = reader.read(buffer, 0, bufferSize)) != -1; ) {
            assertThat(n).as("a read returns at least one char before the end").isPositive();
            out.append(buffer, 0, n);
        }
        return out.toString();
    }
}
