package org.tracehub.samples.generator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * meat-wholesale-jiangqiao: an XLSX daily report, a summary sheet first, the trades on 「交易明细」
 * under a two-row title, date-time cells in a Chinese format, a 合计 row. Mistakes as in the sample:
 * a date typed as text in the wrong order, a zero weight, an unknown region code, a lot naming itself.
 */
final class MeatWholesaleJiangqiaoLayout implements SourceLayout {

    private static final List<String> HEADER = List.of("序号", "交易时间", "交易凭证号", "追溯码", "来源批次", "经营户", "摊位号",
            "买方名称", "买方信用代码", "品名", "重量(公斤)", "单价(元/公斤)", "金额(元)", "检疫证号", "肉检证号", "产地");
    private static final String DATE_TIME_FORMAT = "yyyy\"年\"m\"月\"d\"日\" h:mm";
    private static final LocalDateTime DAY = LocalDateTime.of(2026, 11, 27, 0, 0);
    private static final List<String[]> STALLS = List.of(
            new String[] {"B2-015", "永丰肉类批发部"}, new String[] {"B2-021", "鑫旺肉食品经营部"}, new String[] {"B3-006", "江南猪肉批发部"});

    @Override
    public String source() {
        return "meat-wholesale-jiangqiao";
    }

    @Override
    public OutputFormat nativeFormat() {
        return OutputFormat.XLSX;
    }

    @Override
    public Charset charset() {
        return StandardCharsets.UTF_8;
    }

    @Override
    public String fileName(String extension) {
        return "江桥肉类交易日报_20261127." + extension;
    }

    @Override
    public List<String> titleRows() {
        return List.of("上海江桥肉类批发市场 肉类交易明细日报", "交易日期：2026年11月27日　　　　计量单位：公斤、元　　　　制表：市场信息中心");
    }

    @Override
    public List<String> header() {
        return HEADER;
    }

    @Override
    public String sheetName() {
        return "交易明细";
    }

    @Override
    public List<String> sheetsBefore() {
        return List.of("汇总");
    }

    @Override
    public Rows rows(long seed) {
        return new Rows() {
            private BigDecimal totalKg = BigDecimal.ZERO;
            private BigDecimal totalAmount = BigDecimal.ZERO;

            @Override
            public GeneratedRow next(long number, SplittableRandom random, boolean bad) {
                LocalDateTime time = DAY.plusMinutes((number * 13) % 1440);
                String code = String.format("JQM261127%07d", number);
                String[] stall = Pools.pick(STALLS, random);
                String[] buyer = Pools.pick(Pools.MEAT_BUYERS, random);
                String lots = Pools.pick(Pools.SLAUGHTER_LOTS, random)
                        + (random.nextInt(6) == 0 ? "、" + Pools.pick(Pools.SLAUGHTER_LOTS, random) : "");
                BigDecimal kg = BigDecimal.valueOf(500 + random.nextInt(150_000), 2);
                BigDecimal price = BigDecimal.valueOf(1200 + random.nextInt(800), 2);
                String origin = Pools.pick(Pools.MEAT_ORIGINS, random);
                CellValue timeCell = CellValue.dateTime(time, String.format("%1$tY-%1$tm-%1$td %1$tH:%1$tM", time), DATE_TIME_FORMAT);
                String mistake = null;
                if (bad) {
                    switch (random.nextInt(4)) {
                        case 0 -> {
                            timeCell = CellValue.text(String.format("%d/%d/%d %d:%02d", time.getDayOfMonth(), time.getMonthValue(),
                                    time.getYear(), time.getHour(), time.getMinute()));
                            mistake = "date typed day first";
                        }
                        case 1 -> {
                            kg = BigDecimal.ZERO.setScale(2);
                            mistake = "zero weight";
                        }
                        case 2 -> {
                            origin = "320599";
                            mistake = "unknown region code";
                        }
                        default -> {
                            lots = code;
                            mistake = "source lot is the row's own code";
                        }
                    }
                }
                BigDecimal amount = kg.multiply(price).setScale(2, RoundingMode.HALF_UP);
                totalKg = totalKg.add(kg);
                totalAmount = totalAmount.add(amount);
                String suffix = String.format("%06d", number % 1_000_000);
                List<CellValue> cells = new ArrayList<>(HEADER.size());
                cells.add(CellValue.number(number));
                cells.add(timeCell);
                cells.add(CellValue.text(String.format("JQ261127%07d", number)));
                cells.add(CellValue.text(code));
                cells.add(CellValue.text(lots));
                cells.add(CellValue.text(stall[1]));
                cells.add(CellValue.text(stall[0]));
                cells.add(CellValue.text(buyer[0]));
                cells.add(CellValue.text(buyer[1]));
                cells.add(CellValue.text(Pools.pick(Pools.MEAT_PRODUCTS, random)));
                cells.add(CellValue.grouped(kg));
                cells.add(CellValue.number(price));
                cells.add(CellValue.grouped(amount));
                cells.add(CellValue.text("31001" + suffix));
                cells.add(CellValue.text("3100126112" + suffix));
                cells.add(CellValue.text(origin));
                return new GeneratedRow(cells, mistake);
            }

            @Override
            public List<CellValue> totalRow() {
                List<CellValue> cells = new ArrayList<>();
                cells.add(CellValue.text("合计"));
                for (int i = 1; i < HEADER.size(); i++) {
                    cells.add(i == 10 ? CellValue.grouped(totalKg) : i == 12 ? CellValue.grouped(totalAmount) : CellValue.empty());
                }
                return cells;
            }
        };
    }
}
