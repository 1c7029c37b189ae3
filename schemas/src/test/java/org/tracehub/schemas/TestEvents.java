package org.tracehub.schemas;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.tracehub.schemas.event.EventIds;
import org.tracehub.schemas.standard.v1.Category;
import org.tracehub.schemas.standard.v1.Certificate;
import org.tracehub.schemas.standard.v1.CertificateType;
import org.tracehub.schemas.standard.v1.Certificates;
import org.tracehub.schemas.standard.v1.DairyExtension;
import org.tracehub.schemas.standard.v1.ElevatorExtension;
import org.tracehub.schemas.standard.v1.Extension;
import org.tracehub.schemas.standard.v1.GasCylinderExtension;
import org.tracehub.schemas.standard.v1.Inputs;
import org.tracehub.schemas.standard.v1.MeatExtension;
import org.tracehub.schemas.standard.v1.NodeType;
import org.tracehub.schemas.standard.v1.Party;
import org.tracehub.schemas.standard.v1.Price;
import org.tracehub.schemas.standard.v1.Product;
import org.tracehub.schemas.standard.v1.Provenance;
import org.tracehub.schemas.standard.v1.Quantity;
import org.tracehub.schemas.standard.v1.Step;
import org.tracehub.schemas.standard.v1.TestResult;
import org.tracehub.schemas.standard.v1.TraceEvent;
import org.tracehub.schemas.standard.v1.Transaction;
import org.tracehub.schemas.standard.v1.VegetableExtension;

/**
 * Valid trace events for tests, built fresh on every call so a test can break one field and
 * keep the rest valid. The fixed clock sits a few hours after the events' time.
 */
public final class TestEvents {

    public static final ZoneOffset SHANGHAI = ZoneOffset.ofHours(8);
    public static final OffsetDateTime NOW = OffsetDateTime.of(2024, 5, 20, 12, 0, 0, 0, SHANGHAI);
    public static final Clock CLOCK = Clock.fixed(NOW.toInstant(), SHANGHAI);

    public static final String SOURCE_ID = "meat-xj";
    /** Valid GB 32100 codes from STANDARDS.md. */
    public static final String OPERATOR_USCC = "91310115MA1K3BTP2B";
    public static final String COUNTERPARTY_USCC = "91310112087994932F";

    private TestEvents() {
    }

    /** A complete meat WHOLESALE event (wholesale market → wet market) that passes every rule. */
    public static TraceEvent meatWholesale() {
        return meatWholesale(1);
    }

    /** As {@link #meatWholesale()}, the n-th row of a file: its own trace code, event id and row. */
    public static TraceEvent meatWholesale(int n) {
        String traceCode = String.format("XJ20240520%04d", n);
        TraceEvent event = new TraceEvent();
        event.setEventId(EventIds.of(SOURCE_ID, List.of(traceCode)));
        event.setCategory(Category.MEAT);
        event.setStep(Step.WHOLESALE);
        event.setTime(OffsetDateTime.of(2024, 5, 20, 4, 30, 15, 0, SHANGHAI));
        event.setTraceCode(traceCode);
        Inputs inputs = new Inputs();
        inputs.getInput().add("SL202405190042");
        event.setInputs(inputs);
        event.setOperator(party(OPERATOR_USCC, "上海西郊国际农产品交易有限公司", "XJ01", NodeType.WHOLESALE));
        event.setCounterparty(party(COUNTERPARTY_USCC, "闵行区七宝菜市场", "MH0117", NodeType.RETAIL_MARKET));
        Product product = new Product();
        product.setCode("10201");
        product.setName("白条猪肉");
        event.setProduct(product);
        event.setQuantity(quantity("125.5", "KGM"));
        event.setOrigin("320581");
        Transaction transaction = new Transaction();
        transaction.setVoucherNo("JY2024052000" + n);
        Price price = new Price();
        price.setValue(new BigDecimal("26.80"));
        price.setCurrency("CNY");
        price.setPerUnit("KGM");
        transaction.setUnitPrice(price);
        event.setTransaction(transaction);
        event.setCertificates(new Certificates());
        event.getCertificates().getCertificate().add(certificate(CertificateType.ANIMAL_QUARANTINE, "3101123456789"));
        event.getCertificates().getCertificate().add(certificate(CertificateType.MEAT_QUALITY, "RP20240520017"));
        MeatExtension meat = new MeatExtension();
        meat.setOwner("张建国");
        meat.setDestination("上海市闵行区");
        Extension extension = new Extension();
        extension.setMeat(meat);
        event.setExtension(extension);
        Provenance provenance = new Provenance();
        provenance.setSourceId(SOURCE_ID);
        provenance.setBatchId("b-20240520-001");
        provenance.setAttempt(BigInteger.ONE);
        provenance.setRow(BigInteger.valueOf(n + 2));
        event.setProvenance(provenance);
        return event;
    }

    /**
     * A complete, valid event of any category and step: the meat wholesale event with the
     * category's extension and whatever {@code RequiredFields} asks of that step filled in.
     */
    public static TraceEvent complete(Category category, Step step) {
        TraceEvent event = meatWholesale();
        event.setCategory(category);
        event.setStep(step);
        Extension extension = new Extension();
        switch (category) {
            case MEAT -> extension.setMeat(event.getExtension().getMeat());
            case VEGETABLE -> extension.setVegetable(new VegetableExtension());
            case DAIRY -> extension.setDairy(new DairyExtension());
            case ELEVATOR -> extension.setElevator(new ElevatorExtension());
            case GAS_CYLINDER -> extension.setGasCylinder(new GasCylinderExtension());
            default -> extension = null;
        }
        event.setExtension(extension);
        event.getCertificates().getCertificate().add(certificate(CertificateType.ORIGIN_QUARANTINE, "CY3101123"));
        event.getCertificates().getCertificate().add(certificate(CertificateType.ORIGIN, "CD20240519"));
        event.getCertificates().getCertificate().add(certificate(CertificateType.MARKET_ENTRY_VOUCHER, "ZR20240519"));
        event.getCertificates().getCertificate().add(certificate(CertificateType.CUSTOMS_DECLARATION, "220120241000123456"));
        if (extension != null && extension.getVegetable() != null) {
            extension.getVegetable().setPesticideTestResult(TestResult.PASS);
        }
        if (extension != null && extension.getDairy() != null) {
            DairyExtension dairy = extension.getDairy();
            dairy.setStationLicence("沪生鲜乳收字(2023)001");
            dairy.setTestResult(TestResult.PASS);
            dairy.setCustomsDeclarationNo("220120241000123456");
        }
        if (extension != null && extension.getElevator() != null) {
            ElevatorExtension elevator = extension.getElevator();
            elevator.setRegistrationCode(REGISTRATION_CODE);
            elevator.setEquipmentCode(EQUIPMENT_CODE);
            elevator.setMaintenanceType("半月保养");
            elevator.setNextInspectionDate(LocalDate.of(2025, 5, 19));
        }
        if (extension != null && extension.getGasCylinder() != null) {
            GasCylinderExtension cylinder = extension.getGasCylinder();
            cylinder.setCylinderCode("SHQP00012345");
            cylinder.setMedium("液化石油气");
            cylinder.setNextInspectionDate(LocalDate.of(2027, 3, 1));
            event.setQuantity(quantity("14.5", "KGM"));
        }
        return event;
    }

    /** The Shanghai registration code of STANDARDS.md: pressure vessel 2160, 310101, 2006-01, 0101. */
    public static final String REGISTRATION_CODE = "21603101012006010101";
    /** An 18-character equipment code: traction passenger lift 3110, maker 31-001, 2006, sequence 00012. */
    public static final String EQUIPMENT_CODE = "311031001200600012";

    public static Party party(String uscc, String name, String nodeCode, NodeType nodeType) {
        Party party = new Party();
        party.setUscc(uscc);
        party.setName(name);
        party.setNodeCode(nodeCode);
        party.setNodeType(nodeType);
        return party;
    }

    public static Quantity quantity(String value, String unit) {
        Quantity quantity = new Quantity();
        quantity.setValue(new BigDecimal(value));
        quantity.setUnit(unit);
        return quantity;
    }

    public static Certificate certificate(CertificateType type, String number) {
        Certificate certificate = new Certificate();
        certificate.setType(type);
        certificate.setNumber(number);
        return certificate;
    }
}
