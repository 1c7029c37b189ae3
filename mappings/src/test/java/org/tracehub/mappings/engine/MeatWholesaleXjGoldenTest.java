package org.tracehub.mappings.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracehub.mappings.catalog.SampleGolden;
import org.tracehub.mappings.catalog.SpecCatalog;
import org.tracehub.mappings.spec.FileSpec;
import org.tracehub.mappings.spec.MappingSpec;
import org.tracehub.schemas.event.EventRules;
import org.tracehub.schemas.standard.v1.TraceEvent;
import org.tracehub.schemas.validation.ErrorCodes;
import org.tracehub.schemas.xml.StandardDocumentWriter;

class MeatWholesaleXjGoldenTest {

    private static final String INPUT = "meat/meat-wholesale-xj/input/交易明细_20261127.csv";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T00:00:00Z"), ZoneId.of("Asia/Shanghai"));

    private final MappingSpec spec = SpecCatalog.load(null).source("meat-wholesale-xj").orElseThrow();
    private final FileSpec fileSpec = spec.fileSpecFor("交易明细_20261127.csv").orElseThrow();

    @TempDir
    Path tmp;

    @Test
    void convertsTheSampleExportToTheExpectedStandardDocumentAndRejectedRows() throws Exception {
        ByteArrayOutputStream xml = new ByteArrayOutputStream();
        List<String> rejected = new ArrayList<>();
        FileConversion.Counts counts;
        try (StandardDocumentWriter writer = new StandardDocumentWriter(xml, spec.source(), "golden",
                OffsetDateTime.parse("2026-11-28T08:00:00+08:00"))) {
            counts = new FileConversion(spec, fileSpec, new EventRules(CLOCK)).run(GoldenFiles.sample(INPUT, tmp),
                    new ConversionContext(spec.source(), "golden", 1), row -> {
                        if (row instanceof ConvertedRow.Accepted a) {
                            writer.write(a.event());
                            a.warnings().forEach(w -> rejected.add(line(w)));
                        } else if (row instanceof ConvertedRow.Rejected r) {
                            r.errors().forEach(e -> rejected.add(line(e)));
                        }
                    });
        }

        assertThat(counts).isEqualTo(new FileConversion.Counts(10, 7, 3, 1));
        GoldenFiles.assertMatches("meat/meat-wholesale-xj/expected/交易明细_20261127.xml", xml.toString(StandardCharsets.UTF_8));
        GoldenFiles.assertMatches("meat/meat-wholesale-xj/expected/交易明细_20261127.findings.csv",
                "row,column,field,severity,code,value\n" + String.join("\n", rejected) + "\n");
    }

    @Test
    void splitsTheLotsOfATradeAtTheSeparatorsClerksTypeAndWarnsOfLotsSeparatedBySpaces() throws Exception {
        for (String lots : List.of("TZ2611260088;TZ2611260091", "TZ2611260088、TZ2611260091", "TZ2611260088，TZ2611260091",
                "TZ2611260088,TZ2611260091")) {
            ConvertedRow row = SampleGolden.convertEdited("meat", "meat-wholesale-xj", "交易明细_20261127.csv", 3, Map.of("进场批次号", lots), tmp);
            assertThat(row).as(lots).isInstanceOf(ConvertedRow.Accepted.class);
            assertThat(((ConvertedRow.Accepted) row).event().getInputs().getInput()).as(lots).containsExactly("TZ2611260088", "TZ2611260091");
        }
        // a space may sit inside one (legacy) code, so it is no separator of this spec: kept as written, the clerk warned
        ConvertedRow spaced = SampleGolden.convertEdited("meat", "meat-wholesale-xj", "交易明细_20261127.csv", 3,
                Map.of("进场批次号", "TZ2611260088 TZ2611260091"), tmp);
        assertThat(spaced).isInstanceOf(ConvertedRow.Accepted.class);
        assertThat(((ConvertedRow.Accepted) spaced).warnings()).extracting(RowError::column, RowError::code)
                .containsExactly(tuple("进场批次号", ErrorCodes.INPUT_HOLDS_SEPARATOR));
    }

    /** 256.5 斤 at 13.20 元/斤 is 3,385.80 元: converted to 128.25 KGM, the price must become 26.40 per KGM. */
    @Test
    void convertsThePricePerJinWithTheWeightSoEveryTradeKeepsItsAmount() throws Exception {
        Map<String, BigDecimal> amountPaid = new HashMap<>();
        for (String line : Files.readAllLines(GoldenFiles.sample(INPUT, tmp), Charset.forName("GB18030"))) {
            // 序号, 交易凭证号, 追溯码, 交易时间, 买方名称, 买方信用代码, 品名, 重量(斤), 单价(元/斤) …; a quoted "1,200" has no other comma
            String[] cells = line.replaceAll("\"(\\d+),(\\d+)\"", "$1$2").split(",");
            if (cells.length > 8 && cells[7].matches("\\d+(\\.\\d+)?") && cells[8].matches("\\d+\\.\\d+")) {
                amountPaid.put(cells[2], new BigDecimal(cells[7]).multiply(new BigDecimal(cells[8])));
            }
        }
        List<TraceEvent> events = new ArrayList<>();
        new FileConversion(spec, fileSpec, new EventRules(CLOCK)).run(GoldenFiles.sample(INPUT, tmp),
                new ConversionContext(spec.source(), "golden", 1), row -> {
                    if (row instanceof ConvertedRow.Accepted a) {
                        events.add(a.event());
                    }
                });

        assertThat(events).hasSize(7).allSatisfy(e -> {
            assertThat(e.getQuantity().getUnit()).isEqualTo("KGM");
            assertThat(e.getTransaction().getUnitPrice().getPerUnit()).isEqualTo("KGM");
            assertThat(e.getQuantity().getValue().multiply(e.getTransaction().getUnitPrice().getValue()))
                    .as(e.getTraceCode()).isEqualByComparingTo(amountPaid.get(e.getTraceCode()));
        });
        assertThat(events.get(0).getTransaction().getUnitPrice().getValue()).isEqualTo(new BigDecimal("26.40"));
    }

    private static String line(RowError e) {
        return e.row() + "," + e.column() + "," + e.field() + "," + e.severity() + "," + e.code() + "," + (e.value() == null ? "" : e.value());
    }

}
