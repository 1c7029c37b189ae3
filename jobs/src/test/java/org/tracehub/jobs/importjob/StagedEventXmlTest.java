package org.tracehub.jobs.importjob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tracehub.schemas.standard.v1.Category;
import org.tracehub.platform.staging.StagedEvent;
import org.tracehub.schemas.standard.v1.Inputs;
import org.tracehub.schemas.standard.v1.NodeType;
import org.tracehub.schemas.standard.v1.Party;
import org.tracehub.schemas.standard.v1.Product;
import org.tracehub.schemas.standard.v1.Provenance;
import org.tracehub.schemas.standard.v1.Quantity;
import org.tracehub.schemas.standard.v1.Step;
import org.tracehub.schemas.standard.v1.TraceEvent;
import org.tracehub.schemas.validation.ErrorCodes;
import org.tracehub.samples.SampleCorpus;
import org.tracehub.schemas.xml.StandardDocumentException;
import org.tracehub.schemas.xml.StandardDocumentReader;

class StagedEventXmlTest {

    private static final String BATCH = "20261129-00000000b1";

    private final StagedEventXml xml = new StagedEventXml();

    @Test
    void aPageReadThroughOneReaderGivesTheEventsOfReadingThemOneByOne() {
        List<String> page = IntStream.rangeClosed(1, 50).mapToObj(i -> text(event(i))).toList();

        List<TraceEvent> read = xml.readAll(staged(page));

        assertThat(read).hasSize(50);
        assertThat(read.stream().map(this::text).toList()).as("every field, in page order").isEqualTo(page);
        assertThat(read.get(9).getOperator().getNodeType()).isEqualTo(NodeType.WHOLESALE);
        assertThat(read.get(9).getQuantity().getValue()).isEqualByComparingTo("10.5");
        assertThat(read.get(41).getInputs().getInput()).containsExactly("TZ42", "TZ-42b");
    }

    @Test
    void aFullPageOfEventsWithChineseNamesReadsWholeAndInOrder() {
        List<String> page = IntStream.rangeClosed(1, 500).mapToObj(i -> {
            TraceEvent e = event(i);
            Product product = new Product();
            product.setCode("P" + i);
            product.setName("冷鲜猪肉 第" + i + "批");
            e.setProduct(product);
            return text(e);
        }).toList();

        List<TraceEvent> read = xml.readAll(staged(page));

        assertThat(read.stream().map(this::text).toList()).isEqualTo(page);
        assertThat(read.get(499).getProduct().getName()).isEqualTo("冷鲜猪肉 第500批");
    }

    /** Every category's extension, certificates, tests and enumerations: nothing the hub stages is refused. */
    @ParameterizedTest
    @ValueSource(strings = {"meat/meat-wholesale-xj/expected/交易明细_20261127.xml", "meat/meat-slaughter-wuhao/expected/屠宰检验_20261126.xml",
            "meat/meat-slaughter-wuhao/expected/销售明细_20261126.xml", "meat/meat-wholesale-jiangqiao/expected/江桥肉类交易日报_20261127.xml",
            "meat/meat-supermarket-lianjia/expected/收货明细_20261127.xml", "vegetable/vegetable-base-chongming/expected/采收登记表_20261126.xml",
            "vegetable/vegetable-wholesale-xj/expected/蔬菜交易明细_20261127.xml",
            "vegetable/vegetable-wetmarket-sanlin/expected/三林菜场进货台账_20261127.xml",
            "dairy/dairy-station-jinshan/expected/收奶记录_20261126.xml", "dairy/dairy-plant-pujiang/expected/MES_PROD_20261126.xml",
            "dairy/dairy-plant-pujiang/expected/WMS_SHIP_20261127.xml", "dairy/dairy-import-waigaoqiao/expected/进口乳品入库台账_202611.xml",
            "elevator/elevator-maint-husheng/expected/wb_maint_20261126.xml", "gas-cylinder/gascyl-fill-pudong/expected/充装记录_20261126.xml"})
    void everyEventOfEverySampleReadsBackAsItWasStaged(String expected) throws Exception {
        List<String> page = new ArrayList<>();
        try (StandardDocumentReader document = new StandardDocumentReader(SampleCorpus.open(expected))) {
            document.forEachRemaining(e -> page.add(text(e)));
        }
        assertThat(page).isNotEmpty();

        assertThat(xml.readAll(staged(page)).stream().map(this::text).toList()).isEqualTo(page);
        assertThat(staged(page).stream().map(xml::read).map(this::text).toList()).isEqualTo(page);
    }

    @Test
    void anEmptyPageReadsAsNoEvents() {
        assertThat(xml.readAll(List.of())).isEmpty();
    }

    @Test
    void aBrokenEventInAPageFailsAsItWouldAlone() {
        List<String> page = new ArrayList<>(List.of(text(event(1)), text(event(2))));
        page.add("<event xmlns=\"urn:shanghai:trace:standard:1\"><eventId>x</event>");

        assertThatThrownBy(() -> xml.readAll(staged(page))).isInstanceOf(StandardDocumentException.class)
                .hasMessageContaining("batch " + BATCH + " attempt 1 row 5")
                .satisfies(e -> assertThat(((StandardDocumentException) e).code()).isEqualTo(ErrorCodes.XML_MALFORMED));
    }

    @Test
    void aDoctypeInAPageIsRefusedAsInASingleRead() {
        List<String> page = List.of(text(event(1)), "<!DOCTYPE event [<!ENTITY x \"y\">]>" + text(event(2)));

        assertThatThrownBy(() -> xml.readAll(staged(page))).isInstanceOf(StandardDocumentException.class)
                .hasMessageContaining("batch " + BATCH + " attempt 1 row 4")
                .satisfies(e -> assertThat(((StandardDocumentException) e).code()).isEqualTo(ErrorCodes.XML_DOCTYPE_FORBIDDEN));
    }

    @Test
    void aNumberThatDoesNotConvertFailsTheReadNamingTheBatchAttemptRowAndFieldInsteadOfReadingAsNull() {
        List<String> page = List.of(text(event(1)), text(event(2)).replace(">2.5<", ">2,5<"), text(event(3)));

        assertThatThrownBy(() -> xml.readAll(staged(page))).isInstanceOfSatisfying(StandardDocumentException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCodes.XML_VALUE_INVALID);
            assertThat(e.getMessage()).contains("batch " + BATCH + " attempt 1 row 4", "field quantity holds “2,5”");
        });
    }

    @Test
    void aTimeOrANumberDeepInTheEventThatDoesNotConvertIsNamedByItsPath() {
        String badTime = text(event(1)).replace("2026-11-27T03:16:00+08:00", "2026-11-27 03:16");
        String badAttempt = text(event(2)).replace("<attempt>1</attempt>", "<attempt>one</attempt>");

        assertThatThrownBy(() -> xml.readAll(staged(List.of(badTime)))).isInstanceOfSatisfying(StandardDocumentException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCodes.XML_VALUE_INVALID);
            assertThat(e.getMessage()).contains("row 3", "field time holds “2026-11-27 03:16”");
        });
        assertThatThrownBy(() -> xml.readAll(staged(List.of(badAttempt)))).isInstanceOfSatisfying(StandardDocumentException.class,
                e -> assertThat(e.getMessage()).contains("row 3", "field provenance/attempt holds “one”"));
    }

    @Test
    void anEnumerationValueTheStandardDoesNotHaveFailsTheReadThoughJaxbWouldReadItAsNull() {
        String category = text(event(1)).replace("<category>MEAT</category>", "<category>FRUIT_NEW</category>");
        String nodeType = text(event(2)).replace("<nodeType>WHOLESALE</nodeType>", "<nodeType>wholesale</nodeType>");

        assertThatThrownBy(() -> xml.readAll(staged(List.of(text(event(3)), category)))).isInstanceOfSatisfying(
                StandardDocumentException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCodes.XML_VALUE_INVALID);
                    assertThat(e.getMessage()).contains("batch " + BATCH + " attempt 1 row 4", "field category holds “FRUIT_NEW”");
                });
        assertThatThrownBy(() -> xml.readAll(staged(List.of(nodeType)))).isInstanceOfSatisfying(StandardDocumentException.class,
                e -> assertThat(e.getMessage()).contains("row 3", "field operator/nodeType holds “wholesale”"));
    }

    @Test
    void anElementTheStandardDoesNotHaveFailsTheReadInsteadOfBeingDropped() {
        String unknown = text(event(1)).replace("</traceCode>", "</traceCode><colour>红</colour>");

        assertThatThrownBy(() -> xml.readAll(staged(List.of(unknown)))).isInstanceOfSatisfying(StandardDocumentException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCodes.XML_VALUE_INVALID);
            assertThat(e.getMessage()).contains("row 3", "field colour", "unexpected element");
        });
    }

    /** The page as the load reads it: the events of rows 3, 4, … of one attempt. */
    private static List<StagedEvent> staged(List<String> payloads) {
        return IntStream.range(0, payloads.size())
                .mapToObj(i -> new StagedEvent(BATCH, 1, i + 3, String.format("%032x", i), null, payloads.get(i))).toList();
    }

    /** What the load reads back: the staged bytes as text. */
    private String text(TraceEvent e) {
        return new String(xml.write(e), StandardCharsets.UTF_8);
    }

    private static TraceEvent event(int i) {
        TraceEvent e = new TraceEvent();
        e.setEventId(String.format("%032x", i));
        e.setCategory(Category.MEAT);
        e.setStep(Step.WHOLESALE);
        e.setTime(OffsetDateTime.parse("2026-11-27T03:15:00+08:00").plusMinutes(i));
        e.setTraceCode("XJM" + i);
        Inputs inputs = new Inputs();
        inputs.getInput().addAll(List.of("TZ" + i, "TZ-" + i + "b"));
        e.setInputs(inputs);
        e.setOrigin("310151");
        Party operator = new Party();
        operator.setUscc("91310000631696382C");
        operator.setNodeType(NodeType.WHOLESALE);
        e.setOperator(operator);
        Quantity quantity = new Quantity();
        quantity.setValue(new BigDecimal(i + ".5"));
        quantity.setUnit("KGM");
        e.setQuantity(quantity);
        Provenance p = new Provenance();
        p.setSourceId("meat-wholesale-xj");
        p.setBatchId(BATCH);
        p.setAttempt(BigInteger.ONE);
        p.setRow(BigInteger.valueOf(i + 2));
        e.setProvenance(p);
        return e;
    }
}
