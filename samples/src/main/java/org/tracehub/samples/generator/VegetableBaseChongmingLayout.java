package org.tracehub.samples.generator;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * vegetable-base-chongming: an Excel 97 (.xls) harvest register on sheet 「采收登记」 under a two-row
 * title; harvest dates as date cells formatted 11月26日. Mistakes as in the sample: a variety the
 * product table does not know, a quantity typed with its unit, a region written as a name, a date
 * that does not exist.
 */
final class VegetableBaseChongmingLayout implements SourceLayout {

    private static final List<String> HEADER = List.of("序号", "采收日期", "地块编号", "品种", "采收批次号", "采收量(公斤)",
            "农残检测结果", "抑制率(%)", "检测报告编号", "产地", "去向", "备注");
    private static final String DATE_FORMAT = "m\"月\"d\"日\"";
    private static final LocalDateTime DAY = LocalDateTime.of(2026, 11, 26, 0, 0);
    private static final List<String> PLOTS = List.of("G-03", "G-05", "G-07", "D-12", "D-15", "D-18", "D-20");
    private static final List<String> DESTINATIONS = List.of("西郊国际农产品交易中心", "江桥批发市场");

    @Override
    public String source() {
        return "vegetable-base-chongming";
    }

    @Override
    public OutputFormat nativeFormat() {
        return OutputFormat.XLS;
    }

    @Override
    public Charset charset() {
        return StandardCharsets.UTF_8;
    }

    @Override
    public String fileName(String extension) {
        return "采收登记表_20261126." + extension;
    }

    @Override
    public List<String> titleRows() {
        return List.of("上海崇明绿港蔬菜专业合作社 蔬菜采收登记表",
                "基地：崇明区港沿镇绿港蔬菜基地（备案号 沪崇蔬备021）　　填报人：施海燕　　2026年11月");
    }

    @Override
    public List<String> header() {
        return HEADER;
    }

    @Override
    public String sheetName() {
        return "采收登记";
    }

    @Override
    public Rows rows(long seed) {
        return new Rows() {
            @Override
            public GeneratedRow next(long number, SplittableRandom random, boolean bad) {
                CellValue date = CellValue.dateTime(DAY, "2026.11.26", DATE_FORMAT);
                String variety = Pools.pick(Pools.VEGETABLES, random);
                CellValue quantity = CellValue.number(BigDecimal.valueOf(500 + random.nextInt(25_000), 1));
                String origin = "310151";
                String mistake = null;
                if (bad) {
                    switch (random.nextInt(4)) {
                        case 0 -> {
                            variety = "青菜（矮抗）";
                            mistake = "unknown variety";
                        }
                        case 1 -> {
                            quantity = CellValue.text("1.2吨");
                            mistake = "quantity with its unit";
                        }
                        case 2 -> {
                            origin = "崇明";
                            mistake = "region as a name";
                        }
                        default -> {
                            date = CellValue.text("2026.11.31");
                            mistake = "impossible date";
                        }
                    }
                }
                boolean failed = random.nextInt(50) == 0;
                List<CellValue> cells = new ArrayList<>(HEADER.size());
                cells.add(CellValue.number(number));
                cells.add(date);
                cells.add(CellValue.text(Pools.pick(PLOTS, random)));
                cells.add(CellValue.text(variety));
                cells.add(CellValue.text(String.format("CMV261126%07d", number)));
                cells.add(quantity);
                cells.add(CellValue.text(failed ? "不合格" : "合格"));
                cells.add(CellValue.number(BigDecimal.valueOf(failed ? 500 + random.nextInt(400) : 30 + random.nextInt(300), 1)));
                cells.add(CellValue.text(String.format("JC261126%05d", number % 100_000)));
                cells.add(CellValue.text(origin));
                cells.add(CellValue.text(failed ? "" : Pools.pick(DESTINATIONS, random)));
                cells.add(CellValue.text(failed ? "农残超标，已就地销毁" : ""));
                return new GeneratedRow(cells, mistake);
            }

            @Override
            public List<CellValue> totalRow() {
                return List.of();
            }
        };
    }
}
