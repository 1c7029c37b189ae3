package org.tracehub.samples.generator;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * elevator-maint-husheng: GBK XML in the old city platform's style (no namespaces, a head block,
 * {@code elevator_maint_info_base} records). Mistakes: no registration nor equipment code (the sample's record without a registration code is accepted under its equipment code), a date
 * that does not exist, an unknown maintenance type, a credit code with the letter O.
 */
final class ElevatorMaintHushengLayout implements SourceLayout {

    private static final List<String> HEADER = List.of("@seq", "maint_id", "register_code", "equip_code", "emergency_code",
            "use_unit/@code", "use_unit", "area_code", "maint_type", "maint_date", "begin_time", "end_time", "maint_staff",
            "next_check_date", "result/@flag", "result");
    private static final List<String> TYPES = List.of("01", "01", "01", "02", "03", "04", "09");

    @Override
    public String source() {
        return "elevator-maint-husheng";
    }

    @Override
    public OutputFormat nativeFormat() {
        return OutputFormat.XML;
    }

    @Override
    public Charset charset() {
        return Charset.forName("GBK");
    }

    @Override
    public String fileName(String extension) {
        return "wb_maint_20261126." + extension;
    }

    @Override
    public List<String> titleRows() {
        return List.of();
    }

    @Override
    public List<String> header() {
        return HEADER;
    }

    @Override
    public XmlShape xmlShape() {
        return new XmlShape("elevator_maint_data", "head", List.of(
                Map.entry("unit_code", "91310107MA1FN5GR4M"),
                Map.entry("unit_name", "上海沪晟电梯工程有限公司"),
                Map.entry("data_date", "20261126"),
                Map.entry("record_count", XmlShape.COUNT),
                Map.entry("interface_version", "1.0")), "body", "elevator_maint_info_base");
    }

    @Override
    public Rows rows(long seed) {
        return rows(seed, 0);
    }

    /**
     * With a fleet, record {@code n} is about lift {@code (n - 1) % fleet}: its user, codes and 96333 number drawn from
     * the lift's number alone, the same in every record and every file about it, whatever the file's seed (unique for a
     * fleet of up to 10,000).
     */
    @Override
    public Rows rows(long seed, long fleet) {
        return new Rows() {
            @Override
            public GeneratedRow next(long number, SplittableRandom random, boolean bad) {
                long lift = fleet == 0 ? number : (number - 1) % fleet;
                SplittableRandom identity = fleet == 0 ? random : new SplittableRandom(lift);
                String[] user = Pools.pick(Pools.ELEVATOR_USERS, identity);
                int year = 2005 + identity.nextInt(20);
                String registration = String.format("3110%s%d%02d%04d", user[2], year, 1 + identity.nextInt(12), lift % 10_000);
                String equipment = String.format("311010128%d%05d", year, lift % 100_000);
                int start = 8 * 60 + (int) (number * 7 % 600);
                String uscc = user[1];
                String type = Pools.pick(TYPES, random);
                String date = "2026-11-26";
                String mistake = null;
                if (bad) {
                    switch (random.nextInt(4)) {
                        case 0 -> {
                            // the equipment code alone would be the trace code (the spec falls back to it): neither
                            registration = "";
                            equipment = "";
                            mistake = "no registration or equipment code";
                        }
                        case 1 -> {
                            date = "2026-11-31";
                            mistake = "impossible date";
                        }
                        case 2 -> {
                            type = "07";
                            mistake = "unknown maintenance type";
                        }
                        default -> {
                            uscc = "91310105630785210O";
                            mistake = "credit code with the letter O";
                        }
                    }
                }
                List<CellValue> cells = new ArrayList<>(HEADER.size());
                cells.add(CellValue.text(Long.toString(number)));
                cells.add(CellValue.text(String.format("HS-WB-20261126-%07d", number)));
                cells.add(CellValue.text(registration));
                cells.add(CellValue.text(equipment));
                cells.add(CellValue.text(String.format("%05d", 10_000 + lift % 90_000)));
                cells.add(CellValue.text(uscc));
                cells.add(CellValue.text(user[0]));
                cells.add(CellValue.text(user[2]));
                cells.add(CellValue.text(type));
                cells.add(CellValue.text(date));
                cells.add(CellValue.text(String.format("%02d:%02d", start / 60, start % 60)));
                cells.add(CellValue.text(String.format("%02d:%02d", (start + 40) / 60, (start + 40) % 60)));
                cells.add(CellValue.text(String.format("T%04d,T%04d", 300 + random.nextInt(100), 300 + random.nextInt(100))));
                cells.add(CellValue.text(String.format("2027-%02d-%02d", 1 + random.nextInt(12), 1 + random.nextInt(28))));
                cells.add(CellValue.text("0"));
                cells.add(CellValue.text("正常"));
                return new GeneratedRow(cells, mistake);
            }

            @Override
            public List<CellValue> totalRow() {
                return List.of();
            }
        };
    }
}
