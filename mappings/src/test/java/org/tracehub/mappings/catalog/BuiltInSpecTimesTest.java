package org.tracehub.mappings.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tracehub.mappings.engine.ConvertedRow;

/**
 * The built-in specs read the ordinary ways a clerk or another export writes a time, not only the one their sample
 * holds: an hour without its leading zero (5:40), seconds (03:15:20), and a text date where the sample has serials.
 * Each case is a sample row with that one cell rewritten.
 */
class BuiltInSpecTimesTest {

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{1} {4} = {5}")
    @CsvSource(delimiter = '|', textBlock = """
            meat        | meat-wholesale-xj        | 交易明细_20261127.csv         | 3 | 交易时间     | 2026/11/27 03:15:20  | 2026-11-27T03:15:20+08:00
            meat        | meat-wholesale-xj        | 交易明细_20261127.csv         | 3 | 交易时间     | 2026年11月27日 4:05:09 | 2026-11-27T04:05:09+08:00
            meat        | meat-wholesale-jiangqiao | 江桥肉类交易日报_20261127.xlsx | 4 | 交易时间     | 2026-11-27 5:12      | 2026-11-27T05:12+08:00
            meat        | meat-wholesale-jiangqiao | 江桥肉类交易日报_20261127.xlsx | 4 | 交易时间     | 2026/11/27 05:12:30  | 2026-11-27T05:12:30+08:00
            meat        | meat-supermarket-lianjia | 收货明细_20261127.csv         | 2 | 收货时间     | 6:35                 | 2026-11-27T06:35+08:00
            meat        | meat-slaughter-wuhao     | 屠宰检验_20261126.csv         | 2 | 屠宰时间     | 20:32:15             | 2026-11-26T20:32:15+08:00
            meat        | meat-slaughter-wuhao     | 销售明细_20261126.csv         | 3 | 销售日期     | 2026-11-26 23:40:05  | 2026-11-26T23:40:05+08:00
            vegetable   | vegetable-wholesale-xj   | 蔬菜交易明细_20261127.csv      | 2 | 成交时间     | 2026-11-27 2:10      | 2026-11-27T02:10+08:00
            vegetable   | vegetable-wholesale-xj   | 蔬菜交易明细_20261127.csv      | 2 | 成交时间     | 2026/11/27 02:10:33  | 2026-11-27T02:10:33+08:00
            dairy       | dairy-station-jinshan    | 收奶记录_20261126.csv         | 2 | 收奶时间     | 5:40                 | 2026-11-26T05:40+08:00
            dairy       | dairy-station-jinshan    | 收奶记录_20261126.csv         | 2 | 收奶时间     | 05:40:30             | 2026-11-26T05:40:30+08:00
            dairy       | dairy-import-waigaoqiao  | 进口乳品入库台账_202611.xlsx    | 3 | 入库日期     | 2026/11/20           | 2026-11-20T00:00+08:00
            dairy       | dairy-import-waigaoqiao  | 进口乳品入库台账_202611.xlsx    | 3 | 入库日期     | 2026-11-20           | 2026-11-20T00:00+08:00
            dairy       | dairy-plant-pujiang      | WMS_SHIP_20261127.xml       | 3 | wms:ShipTime | 2026-11-27 6:10      | 2026-11-27T06:10+08:00
            elevator    | elevator-maint-husheng   | wb_maint_20261126.xml       | 11 | begin_time   | 8:30                 | 2026-11-26T08:30+08:00
            gas-cylinder | gascyl-fill-pudong      | 充装记录_20261126.csv         | 2 | 开始时间     | 7:05:30              | 2026-11-26T07:05:30+08:00
            """)
    void readsAnHourWithoutItsLeadingZeroSecondsAndTextDates(String category, String source, String file, long row, String column,
            String text, String time) throws Exception {
        ConvertedRow converted = SampleGolden.convertEdited(category, source, file, row, Map.of(column, text), tmp);

        assertThat(converted).isInstanceOf(ConvertedRow.Accepted.class);
        assertThat(((ConvertedRow.Accepted) converted).event().getTime()).isEqualTo(OffsetDateTime.parse(time));
    }
}
