package org.tracehub.hub.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The console's lists stop 10,000 rows deep: a page is read by skipping every row before it. */
class PagesDepthTest {

    @Test
    void aPageAskedDeeperThanTenThousandRowsIsTheDeepestPageWhichSaysToNarrowTheListAndCountsNoFurther() {
        AtomicLong countedUpTo = new AtomicLong();

        Pages pages = Pages.countedUpTo(50_000_000, 50, atMost -> {
            countedUpTo.set(atMost);
            return atMost;
        });

        assertThat(pages.page()).isEqualTo(200);
        assertThat(pages.offset()).isEqualTo(Pages.MAX_ROWS_SKIPPED);
        assertThat(pages.hasNext()).isFalse();
        assertThat(pages.stopsAtDepth()).isTrue();
        assertThat(countedUpTo).as("counted from the deepest page, not the one asked for").hasValue(200L * 50 + 10_001);
    }

    @Test
    void aListThatEndsWithinTheDepthShowsItsLastPageWithoutSayingToNarrowIt() {
        Pages pages = Pages.countedUpTo(999, 50, atMost -> 10_050);

        assertThat(pages.page()).isEqualTo(200);
        assertThat(pages.stopsAtDepth()).isFalse();
        assertThat(Pages.of(3, 50, 1_000).stopsAtDepth()).isFalse();
    }
}
