package org.tracehub.schemas.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tracehub.schemas.TestEvents;
import org.tracehub.schemas.standard.v1.Category;
import org.tracehub.schemas.standard.v1.CertificateType;
import org.tracehub.schemas.standard.v1.Inputs;
import org.tracehub.schemas.standard.v1.NodeType;
import org.tracehub.schemas.standard.v1.Price;
import org.tracehub.schemas.standard.v1.Quantity;
import org.tracehub.schemas.standard.v1.TestResult;
import org.tracehub.schemas.standard.v1.TraceEvent;
import org.tracehub.schemas.xml.StandardXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class StandardFieldsTest {

    @Test
    void offersTheFieldsAMappingSpecTargets() {
        assertThat(StandardFields.all()).containsKeys(
                "category", "step", "traceCode", "time", "operator.uscc", "operator.name", "counterparty.name",
                "counterparty.uscc", "product.code", "product.gtin", "quantity", "origin", "inputs",
                "transaction.voucherNo", "transaction.unitPrice",
                "certificates.ANIMAL_QUARANTINE", "certificates.MEAT_QUALITY",
                "extension.meat.headCount", "extension.dairy.proteinPercent",
                "extension.elevator.nextInspectionDate", "extension.gasCylinder.cylinderCode");
    }

    @Test
    void textFieldsCarryTheMaximumLengthOfTheirXsdType() throws Exception {
        assertThat(xsdMaxLength("Code")).isEqualTo(StandardFields.CODE_MAX_LENGTH);
        assertThat(xsdMaxLength("Text")).isEqualTo(StandardFields.TEXT_MAX_LENGTH);

        assertThat(StandardFields.find("product.code")).get().extracting(StandardField::maxLength).isEqualTo(64);
        assertThat(StandardFields.find("certificates.ANIMAL_QUARANTINE")).get().extracting(StandardField::maxLength).isEqualTo(64);
        assertThat(StandardFields.find("extension.gasCylinder.operatorId")).get().extracting(StandardField::maxLength).isEqualTo(64);
        assertThat(StandardFields.find("product.name")).get().extracting(StandardField::maxLength).isEqualTo(200);
        assertThat(StandardFields.find("counterparty.name")).get().extracting(StandardField::maxLength).isEqualTo(200);
        assertThat(StandardFields.find("time")).get().extracting(StandardField::maxLength).isEqualTo(0);
    }

    /** The maxLength facet of a named simple type of the shipped XSD. */
    private static int xsdMaxLength(String type) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document xsd;
        try (InputStream in = StandardXml.class.getResourceAsStream(StandardXml.XSD_RESOURCE)) {
            xsd = factory.newDocumentBuilder().parse(in);
        }
        NodeList types = xsd.getElementsByTagNameNS(XMLConstants.W3C_XML_SCHEMA_NS_URI, "simpleType");
        for (int i = 0; i < types.getLength(); i++) {
            Element t = (Element) types.item(i);
            if (type.equals(t.getAttribute("name"))) {
                Element max = (Element) t.getElementsByTagNameNS(XMLConstants.W3C_XML_SCHEMA_NS_URI, "maxLength").item(0);
                return Integer.parseInt(max.getAttribute("value"));
            }
        }
        throw new AssertionError("no simple type " + type);
    }

    @Test
    void offersOneCertificateFieldPerCertificateType() {
        for (CertificateType type : CertificateType.values()) {
            assertThat(StandardFields.find("certificates." + type.name())).isPresent();
        }
        assertThat(StandardFields.find("certificates")).isEmpty();
    }

    @Test
    void leavesFieldsTheEngineSetsOutOfTheVocabulary() {
        assertThat(StandardFields.all().keySet())
                .doesNotContain("eventId")
                .noneMatch(path -> path.startsWith("provenance"));
    }

    @Test
    void describesHowEachFieldIsConverted() {
        assertThat(StandardFields.find("time").orElseThrow().kind()).isEqualTo(FieldKind.DATE_TIME);
        assertThat(StandardFields.find("quantity").orElseThrow().kind()).isEqualTo(FieldKind.QUANTITY);
        assertThat(StandardFields.find("inputs").orElseThrow().kind()).isEqualTo(FieldKind.LIST);
        assertThat(StandardFields.find("extension.meat.headCount").orElseThrow().kind()).isEqualTo(FieldKind.INTEGER);
        assertThat(StandardFields.find("transaction.unitPrice").orElseThrow().kind()).isEqualTo(FieldKind.PRICE);
        assertThat(StandardFields.find("extension.dairy.fatPercent").orElseThrow().kind()).isEqualTo(FieldKind.DECIMAL);
        assertThat(StandardFields.find("extension.dairy.productionDate").orElseThrow().kind()).isEqualTo(FieldKind.DATE);
        assertThat(StandardFields.find("traceCode").orElseThrow().kind()).isEqualTo(FieldKind.TEXT);
        StandardField category = StandardFields.find("category").orElseThrow();
        assertThat(category.kind()).isEqualTo(FieldKind.CODE_LIST);
        assertThat(category.enumType()).isEqualTo(Category.class);
        assertThat(StandardFields.find("operator.nodeType").orElseThrow().enumType()).isEqualTo(NodeType.class);
        assertThat(StandardFields.find("extension.meat.headCount").orElseThrow().segments())
                .containsExactly("extension", "meat", "headCount");
    }

    @Test
    void suggestsTheClosestPathForATypo() {
        assertThat(StandardFields.suggest("traceCod")).contains("traceCode");
        assertThat(StandardFields.suggest("operater.uscc")).contains("operator.uscc");
        assertThat(StandardFields.suggest("TRACECODE")).contains("traceCode");
    }

    @Test
    void suggestsNothingForAPathFarFromEveryField() {
        assertThat(StandardFields.suggest("completely.unrelated.thing")).isEmpty();
    }

    @Test
    void buildsNestedObjectsOnTheWay() {
        TraceEvent event = new TraceEvent();

        StandardFields.set(event, "operator.uscc", TestEvents.OPERATOR_USCC);
        StandardFields.set(event, "operator.name", "上海西郊国际农产品交易有限公司");
        StandardFields.set(event, "extension.meat.headCount", BigInteger.valueOf(42));
        StandardFields.set(event, "transaction.unitPrice", new BigDecimal("26.80"));

        assertThat(event.getOperator().getUscc()).isEqualTo(TestEvents.OPERATOR_USCC);
        assertThat(event.getOperator().getName()).isEqualTo("上海西郊国际农产品交易有限公司");
        assertThat(event.getExtension().getMeat().getHeadCount()).isEqualTo(BigInteger.valueOf(42));
        assertThat(event.getTransaction().getUnitPrice().getValue()).isEqualByComparingTo("26.80");
    }

    @Test
    void appendsCertificatesInsteadOfReplacingThem() {
        TraceEvent event = new TraceEvent();

        StandardFields.set(event, "certificates.ANIMAL_QUARANTINE", "3101123456789");
        StandardFields.set(event, "certificates.MEAT_QUALITY", "RP20240520017");
        StandardFields.set(event, "certificates.ANIMAL_QUARANTINE", "3101123456790");

        assertThat(event.getCertificates().getCertificate())
                .extracting(c -> c.getType().name() + ":" + c.getNumber())
                .containsExactly("ANIMAL_QUARANTINE:3101123456789", "MEAT_QUALITY:RP20240520017",
                        "ANIMAL_QUARANTINE:3101123456790");
    }

    @Test
    void appendsInputsInsteadOfReplacingThem() {
        TraceEvent event = new TraceEvent();

        StandardFields.set(event, "inputs", List.of("SL1", "SL2"));
        StandardFields.set(event, "inputs", List.of("SL3"));

        assertThat(event.getInputs().getInput()).containsExactly("SL1", "SL2", "SL3");
    }

    @Test
    void setsQuantityAsAWholeAndEnumsAsConstants() {
        TraceEvent event = new TraceEvent();

        StandardFields.set(event, "quantity", TestEvents.quantity("6.25", "KGM"));
        StandardFields.set(event, "category", Category.MEAT);
        StandardFields.set(event, "extension.vegetable.pesticideTestResult", TestResult.PASS);
        StandardFields.set(event, "extension.elevator.nextInspectionDate", LocalDate.of(2025, 3, 1));

        assertThat(event.getQuantity().getValue()).isEqualTo(new BigDecimal("6.25"));
        assertThat(event.getQuantity().getUnit()).isEqualTo("KGM");
        assertThat(event.getCategory()).isEqualTo(Category.MEAT);
        assertThat(event.getExtension().getVegetable().getPesticideTestResult()).isEqualTo(TestResult.PASS);
        assertThat(event.getExtension().getElevator().getNextInspectionDate()).isEqualTo(LocalDate.of(2025, 3, 1));
    }

    @Test
    void ignoresNullValues() {
        TraceEvent event = new TraceEvent();

        StandardFields.set(event, "operator.uscc", null);
        StandardFields.set(event, "certificates.ANIMAL_QUARANTINE", null);

        assertThat(event.getOperator()).isNull();
        assertThat(event.getCertificates()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"operator.nonsense", "nonsense", "certificates.NO_SUCH_TYPE"})
    void refusesUnknownPaths(String path) {
        assertThatThrownBy(() -> StandardFields.set(new TraceEvent(), path, "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void setsEveryFieldOfTheVocabularySoThatItSurvivesXml() throws ReflectiveOperationException {
        for (StandardField field : StandardFields.all().values()) {
            TraceEvent event = TestEvents.meatWholesale();
            event.setExtension(null); // the extension is a choice: one category per event

            StandardFields.set(event, field.path(), sampleValue(field));

            TraceEvent readBack = StandardXml.fromXml(StandardXml.toXml(event));
            assertThat(valueAt(readBack, field.path())).as(field.path()).isEqualTo(expectedValue(field));
        }
    }

    /** Reads a path back the way a reviewer would: certificates by type, wrappers by their value. */
    private static Object valueAt(TraceEvent event, String path) throws ReflectiveOperationException {
        if (path.startsWith(StandardFields.CERTIFICATES_PREFIX)) {
            CertificateType type = CertificateType.valueOf(path.substring(StandardFields.CERTIFICATES_PREFIX.length()));
            return event.getCertificates().getCertificate().stream()
                    .filter(c -> c.getType() == type).map(c -> c.getNumber()).reduce((a, b) -> b).orElse(null);
        }
        Object target = event;
        for (String segment : path.split("\\.")) {
            java.lang.reflect.Field f = target.getClass().getDeclaredField(segment);
            f.setAccessible(true);
            target = f.get(target);
        }
        if (target instanceof Quantity q) {
            return q.getValue() + " " + q.getUnit();
        }
        if (target instanceof Price p) {
            return p.getValue() + " per " + p.getPerUnit();
        }
        if (target instanceof Inputs i) {
            return i.getInput().subList(i.getInput().size() - 2, i.getInput().size());
        }
        return target;
    }

    private static Object expectedValue(StandardField field) {
        return switch (field.kind()) {
            case QUANTITY -> "1.5 KGM";
            case PRICE -> "26.40 per KGM";
            default -> sampleValue(field);
        };
    }

    private static Object sampleValue(StandardField field) {
        return switch (field.kind()) {
            case TEXT -> "X1";
            case CODE_LIST -> field.enumType().getEnumConstants()[0];
            case DATE_TIME -> TestEvents.NOW;
            case DATE -> LocalDate.of(2024, 5, 20);
            case DECIMAL -> new BigDecimal("1.5");
            case INTEGER -> BigInteger.TWO;
            case QUANTITY -> TestEvents.quantity("1.5", "KGM");
            case PRICE -> price("26.40", "KGM");
            case LIST -> List.of("L1", "L2");
        };
    }

    private static Price price(String value, String perUnit) {
        Price price = new Price();
        price.setValue(new BigDecimal(value));
        price.setPerUnit(perUnit);
        return price;
    }
}
