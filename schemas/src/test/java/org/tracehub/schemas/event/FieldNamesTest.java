package org.tracehub.schemas.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FieldNamesTest {

    @Test
    void namesEveryFieldOfTheVocabularyInChinese() {
        for (String path : StandardFields.all().keySet()) {
            assertThat(FieldNames.chineseName(path)).as(path).matches(".*\\p{IsHan}.*");
        }
    }

    @Test
    void namesTheFieldsTheEngineSetsToo() {
        assertThat(FieldNames.chineseName("eventId")).isEqualTo("事件标识");
        assertThat(FieldNames.chineseName("provenance.row")).isEqualTo("文件行号");
    }

    @Test
    void namesNoFieldTheStandardDoesNotHave() {
        List<String> stale = new ArrayList<>();
        for (String path : FieldNames.all().keySet()) {
            boolean engineField = path.equals("eventId") || path.startsWith("provenance.") || path.equals("extension");
            if (!engineField && StandardFields.find(path).isEmpty()) {
                stale.add(path);
            }
        }
        assertThat(stale).isEmpty();
    }

    @Test
    void namesCertificateFieldsAfterTheirType() {
        assertThat(FieldNames.chineseName("certificates.ANIMAL_QUARANTINE")).isEqualTo("动物产品检疫合格证编号");
    }

    @Test
    void refusesAnUnknownPath() {
        assertThatThrownBy(() -> FieldNames.chineseName("operator.nickname")).isInstanceOf(IllegalArgumentException.class);
    }
}
