package org.tracehub.hub.jobs;

import java.nio.charset.Charset;
import java.util.List;

/**
 * A large export in the layout of 西郊国际农产品交易中心's trading ledger (meat-wholesale-xj): title
 * line, header, {@code rows} records, a 合计 row; GB18030. Every {@link #BAD_EVERY}th record has a
 * negative weight (QUANTITY_NOT_POSITIVE), so a handful of rows are rejected.
 */
final class LargeMeatExport {

    static final int BAD_EVERY = 397;
    private static final String HEADER = "序号,交易凭证号,追溯码,交易时间,买方名称,买方信用代码,品名,重量(斤),单价(元/斤),检疫证号,肉品品质检验证号,进场批次号,产地";
    private static final List<String[]> BUYERS = List.of(
            new String[] {"上海联家超市有限公司", "91310112087994932F"},
            new String[] {"上海浦东新区三林菜场经营管理有限公司", "91310115MA1K3BTP2B"},
            new String[] {"上海杨浦区五角场菜市场", "91310110666007217T"},
            new String[] {"上海金山区枫泾镇农贸市场（南区）", "91310116052958608G"});
    private static final List<String> PRODUCTS = List.of("白条猪", "猪后腿肉", "猪五花肉", "牛肉");

    private LargeMeatExport() {
    }

    static byte[] generate(int rows) {
        StringBuilder sb = new StringBuilder("西郊国际农产品交易中心 肉类交易明细（2026年11月27日）\r\n").append(HEADER).append("\r\n");
        for (int i = 1; i <= rows; i++) {
            String[] buyer = BUYERS.get(i % BUYERS.size());
            String weight = i % BAD_EVERY == 0 ? "-35" : Integer.toString(50 + i % 300);
            sb.append(i).append(',')
                    .append(String.format("XJ%011d", 20261127000L + i)).append(',')
                    .append(String.format("XJM%010d", 2611270000L + i)).append(',')
                    .append(String.format("2026/11/27 %d:%02d", 1 + (i / 60) % 20, i % 60)).append(',')
                    .append(buyer[0]).append(',').append(buyer[1]).append(',')
                    .append(PRODUCTS.get(i % PRODUCTS.size())).append(',')
                    .append(weight).append(",13.20,")
                    .append(String.format("31%08d", i)).append(',')
                    .append(String.format("3100126%08d", i)).append(',')
                    .append(i % 2 == 0 ? "TZ2611260088" : "TZ2611260088;TZ2611260091").append(",341122\r\n");
        }
        sb.append("合计,,,,,,,0,,,,,\r\n");
        return sb.toString().getBytes(Charset.forName("GB18030"));
    }

    static int rejected(int rows) {
        return rows / BAD_EVERY;
    }
}
