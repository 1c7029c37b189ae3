package org.tracehub.samples.generator;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * meat-wholesale-xj: GB18030 CSV, a title line, the header on line 2, a 合计 row; weights in 斤 with
 * thousands separators; two date styles. Mistakes as in the sample: a negative weight, a credit code
 * with forbidden letters, no certificate, an unknown product, a date that does not exist.
 */
final class MeatWholesaleXjLayout implements SourceLayout {

    private static final List<String> HEADER = List.of("序号", "交易凭证号", "追溯码", "交易时间", "买方名称", "买方信用代码",
            "品名", "重量(斤)", "单价(元/斤)", "检疫证号", "肉品品质检验证号", "进场批次号", "产地");
    private static final LocalDateTime DAY = LocalDateTime.of(2026, 11, 27, 0, 0);

    @Override
    public String source() {
        return "meat-wholesale-xj";
    }

    @Override
    public OutputFormat nativeFormat() {
        return OutputFormat.CSV;
    }

    @Override
    public Charset charset() {
        return Charset.forName("GB18030");
    }

    @Override
    public String fileName(String extension) {
        return "交易明细_20261127." + extension;
    }

    @Override
    public List<String> titleRows() {
        return List.of("西郊国际农产品交易中心 肉类交易明细（2026年11月27日）");
    }

    @Override
    public List<String> header() {
        return HEADER;
    }

    @Override
    public Rows rows(long seed) {
        return new Rows() {
            private BigDecimal totalJin = BigDecimal.ZERO;

            @Override
            public GeneratedRow next(long number, SplittableRandom random, boolean bad) {
                LocalDateTime time = DAY.plusMinutes((number * 37) % 1440);
                String[] buyer = Pools.pick(Pools.MEAT_BUYERS, random);
                BigDecimal jin = BigDecimal.valueOf(100 + random.nextInt(29_900), 1);
                String lots = Pools.pick(Pools.SLAUGHTER_LOTS, random)
                        + (random.nextInt(5) == 0 ? ";" + Pools.pick(Pools.SLAUGHTER_LOTS, random) : "");
                String timeText = number % 10 == 3
                        ? String.format("%d年%d月%d日 %d:%02d", time.getYear(), time.getMonthValue(), time.getDayOfMonth(),
                                time.getHour(), time.getMinute())
                        : String.format("%d/%d/%d %d:%02d", time.getYear(), time.getMonthValue(), time.getDayOfMonth(),
                                time.getHour(), time.getMinute());
                String uscc = buyer[1];
                String product = Pools.pick(Pools.MEAT_PRODUCTS, random);
                String quarantine = String.format("31001%06d", number % 1_000_000);
                String quality = String.format("3100126112%06d", number % 1_000_000);
                String mistake = null;
                if (bad) {
                    switch (random.nextInt(5)) {
                        case 0 -> {
                            jin = jin.negate();
                            mistake = "negative weight";
                        }
                        case 1 -> {
                            uscc = "9131011508799493IO";
                            mistake = "credit code with forbidden letters";
                        }
                        case 2 -> {
                            quarantine = "";
                            quality = "";
                            mistake = "no certificate";
                        }
                        case 3 -> {
                            product = "猪杂";
                            mistake = "unknown product";
                        }
                        default -> {
                            timeText = "2026/11/31 3:15";
                            mistake = "impossible date";
                        }
                    }
                }
                totalJin = totalJin.add(jin);
                List<CellValue> cells = new ArrayList<>(HEADER.size());
                cells.add(CellValue.number(number));
                cells.add(CellValue.text(String.format("XJ20261127%07d", number)));
                cells.add(CellValue.text(String.format("XJM261127%07d", number)));
                cells.add(CellValue.text(timeText));
                cells.add(CellValue.text(buyer[0]));
                cells.add(CellValue.text(uscc));
                cells.add(CellValue.text(product));
                cells.add(jin.abs().compareTo(BigDecimal.valueOf(1000)) >= 0 ? CellValue.grouped(jin) : CellValue.number(jin));
                cells.add(CellValue.number(BigDecimal.valueOf(1000 + random.nextInt(3000), 2)));
                cells.add(CellValue.text(quarantine));
                cells.add(CellValue.text(quality));
                cells.add(CellValue.text(lots));
                cells.add(CellValue.text(Pools.pick(Pools.MEAT_ORIGINS, random)));
                return new GeneratedRow(cells, mistake);
            }

            @Override
            public List<CellValue> totalRow() {
                List<CellValue> cells = new ArrayList<>();
                cells.add(CellValue.text("合计"));
                for (int i = 1; i < HEADER.size(); i++) {
                    cells.add(i == 7 ? CellValue.grouped(totalJin) : CellValue.empty());
                }
                return cells;
            }
        };
    }
}
