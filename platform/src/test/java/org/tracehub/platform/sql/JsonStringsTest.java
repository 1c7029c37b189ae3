package org.tracehub.platform.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonStringsTest {

    @Test
    void textsOfEveryKindReadBackAsWritten() {
        List<String> texts = Arrays.asList("序号", "重量(斤)", "", null, "say \"hi\"\\", "a\tb\r\nc", "nul\u0000x\u001f", "𠀀 surrogate",
                "=HYPERLINK(\"x\")", "/slash/");

        String json = JsonStrings.array(texts);

        assertThat(json).doesNotContain("\u0000").contains("\\u0000").contains("null");
        assertThat(JsonStrings.parse(json)).isEqualTo(texts);
        assertThat(JsonStrings.parse(JsonStrings.array(List.of()))).isEmpty();
    }

    @Test
    void whatOtherWritersEscapeDifferentlyReadsTheSame() {
        assertThat(JsonStrings.parse(" [ \"a\\/b\" , \"\\u5e8f\\u53f7\", null ,\"\\b\\f\" ] ")).containsExactly("a/b", "序号", null, "\b\f");
    }

    @Test
    void anythingButAnArrayOfStringsIsRefused() {
        for (String bad : List.of("", "{}", "[1]", "[\"a\"", "[\"a\" \"b\"]", "[\"a\"] x", "[\"\\x\"]", "[\"\\u12\"]")) {
            assertThatThrownBy(() -> JsonStrings.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
