package org.tracehub.schemas.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventIdsTest {

    private static final String HEX_128 = "[0-9a-f]{32}";

    @Test
    void givesTheSameIdForTheSameSourceAndKey() {
        String first = EventIds.of("meat-xj", List.of("XJ202405200001", "2024-05-20"));
        String again = EventIds.of("meat-xj", List.of("XJ202405200001", "2024-05-20"));

        assertThat(again).isEqualTo(first);
    }

    @Test
    void isThirtyTwoLowerCaseHexDigits() {
        assertThat(EventIds.of("meat-xj", List.of("猪肉", "批次A"))).matches(HEX_128);
        assertThat(EventIds.of("meat-xj", List.of())).matches(HEX_128);
    }

    @Test
    void isTheFirstHalfOfTheSha256OfSourceAndKeySeparatedByUnitSeparators() {
        // printf 'a\x1fb' | sha256sum | cut -c1-32
        assertThat(EventIds.of("a", List.of("b"))).isEqualTo("f04cdced9736a69da6103f08a4daaf8c");
    }

    @Test
    void differsWhenAnyKeyPartDiffers() {
        String base = EventIds.of("meat-xj", List.of("XJ202405200001", "2024-05-20"));

        assertThat(EventIds.of("meat-xj", List.of("XJ202405200002", "2024-05-20"))).isNotEqualTo(base);
        assertThat(EventIds.of("meat-xj", List.of("XJ202405200001", "2024-05-21"))).isNotEqualTo(base);
        assertThat(EventIds.of("meat-xj", List.of("XJ202405200001"))).isNotEqualTo(base);
    }

    @Test
    void differsWhenTheSourceDiffers() {
        assertThat(EventIds.of("meat-xj", List.of("1"))).isNotEqualTo(EventIds.of("veg-jn", List.of("1")));
    }

    @Test
    void keepsKeyPartBoundaries() {
        assertThat(EventIds.of("s", List.of("a", "bc"))).isNotEqualTo(EventIds.of("s", List.of("ab", "c")));
        assertThat(EventIds.of("sa", List.of("b"))).isNotEqualTo(EventIds.of("s", List.of("ab")));
        assertThat(EventIds.of("s", List.of("a", ""))).isNotEqualTo(EventIds.of("s", List.of("a")));
    }

    @Test
    void treatsMissingKeyPartAsEmpty() {
        assertThat(EventIds.of("s", Arrays.asList("a", null))).isEqualTo(EventIds.of("s", List.of("a", "")));
    }

    @Test
    void recordKeyIsTheHashedTextAfterTheSourceId() {
        assertThat(EventIds.recordKey("meat-xj", List.of("XJ202405200001", "2024-05-20")))
                .isEqualTo("\u001fXJ202405200001\u001f2024-05-20");
        assertThat(EventIds.recordKey("s", Arrays.asList("a", null))).isEqualTo("\u001fa\u001f");
    }

    @Test
    void recordKeysOfConsecutiveVoucherNumbersSortInTheirOrder() {
        assertThat(EventIds.recordKey("meat-xj", List.of("XJ202611270000001")))
                .isLessThan(EventIds.recordKey("meat-xj", List.of("XJ202611270000002")));
    }

    @Test
    void recordKeyKeepsKeyPartBoundaries() {
        assertThat(EventIds.recordKey("s", List.of("a", "bc"))).isNotEqualTo(EventIds.recordKey("s", List.of("ab", "c")));
        assertThat(EventIds.recordKey("s", List.of("a", ""))).isNotEqualTo(EventIds.recordKey("s", List.of("a")));
    }

    @Test
    void aRecordKeyLongerThanTheStoreKeepsIsTheEventIdWhichNoShortKeyCanEqual() {
        List<String> longKey = List.of("x".repeat(EventIds.MAX_RECORD_KEY), "y");
        List<String> longest = List.of("x".repeat(EventIds.MAX_RECORD_KEY - 1));

        assertThat(EventIds.recordKey("s", longKey)).isEqualTo(EventIds.of("s", longKey)).matches(HEX_128);
        assertThat(EventIds.recordKey("s", longest)).hasSize(EventIds.MAX_RECORD_KEY).startsWith("\u001f");
    }
}
