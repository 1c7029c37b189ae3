package org.tracehub.hub.web;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.tracehub.schemas.event.EventIds;
import org.tracehub.schemas.standard.v1.Category;
import org.tracehub.schemas.standard.v1.Certificate;
import org.tracehub.schemas.standard.v1.CertificateType;
import org.tracehub.schemas.standard.v1.Certificates;
import org.tracehub.schemas.standard.v1.ElevatorExtension;
import org.tracehub.schemas.standard.v1.Extension;
import org.tracehub.schemas.standard.v1.Inputs;
import org.tracehub.schemas.standard.v1.MeatExtension;
import org.tracehub.schemas.standard.v1.NodeType;
import org.tracehub.schemas.standard.v1.Party;
import org.tracehub.schemas.standard.v1.Product;
import org.tracehub.schemas.standard.v1.Provenance;
import org.tracehub.schemas.standard.v1.Quantity;
import org.tracehub.schemas.standard.v1.Step;
import org.tracehub.schemas.standard.v1.TraceEvent;

/**
 * Realistic chains for the public pages, as the load step would store them: a pork chain from a
 * live-pig lot in 来安县 to a supermarket sale (whose slaughter record names a private cargo owner
 * and inspector, and whose sale names a private shopper), a wholesale lot whose slaughter lot was
 * never reported (a gap), an elevator's maintenance and inspection records, a vegetable lot of a
 * legacy system whose codes contain "/", and a pork lot whose slaughter sampling found positive pigs.
 */
final class PublicChains {

    static final String PIG_LOT = "SZ2611250017";
    static final String SLAUGHTER_LOT = "TZ2611260088";
    static final String WHOLESALE_LOT = "XJM2611270001";
    static final String RETAIL_LOT = "LH2611270033";
    static final String SALE = "LH26112700330007";
    static final String GAP_WHOLESALE_LOT = "XJM2611270002";
    static final String MISSING_SLAUGHTER_LOT = "TZ2611260091";
    /** A slaughter lot whose pre-slaughter sampling found two positive pigs, and the wholesale lot made from it. */
    static final String POSITIVE_SLAUGHTER_LOT = "TZ2611260095";
    static final String POSITIVE_WHOLESALE_LOT = "XJM2611270005";
    static final String ELEVATOR = "31103101012019050001";
    static final String ELEVATOR_EMERGENCY_CODE = "96333-0417";
    /** A 96333 code reissued: the lift scrapped in March, and the new lift in its shaft that carries the code since. */
    static final String REISSUED_EMERGENCY_CODE = "96333-0888";
    static final String SCRAPPED_LIFT = "31103101012009050007";
    static final String NEW_LIFT = "31103101012026050008";
    /** The 96333 code a block's lifts all report: more lifts than a choice lists ({@link #sharedEmergencyCode}). */
    static final String SHARED_EMERGENCY_CODE = "96333-0999";
    static final int LIFTS_SHARING_IT = org.tracehub.platform.trace.TraceChainQuery.MAX_CHOICES + 2;
    /** A legacy lot code in mixed case, as some markets' systems issued them. */
    static final String MIXED_CASE_LOT = "SH-Lot2611a";
    /** Legacy codes with "/": a market-entry lot and a sale made from it. */
    static final String SLASHED_LOT = "JC/2019/000456";
    static final String SLASHED_SALE = "JC/2019/000456/S01";
    /**
     * Legacy codes with characters a URL path treats specially (the standard's {@code Code} is any token of up
     * to 64 characters): each must still open its own page through the link and QR code the hub makes for it.
     */
    static final List<String> ODD_CODES = List.of("JC;2019;000457", "JC%2019%A458", "JC\\2019\\000459",
            "沪JC 2019 000460", "JC?2019#000461", "JC+2019&000462=1", "JC.2019.", "JC'2019\"<000463>",
            "%2F..%2F", "JC|2019{000464}[1]^`");

    /** A stall-holder's vegetables: bought at the wholesale market, sold at the stall (an individual business, 92). */
    static final String STALL_WHOLESALE_LOT = "XJV2611270021";
    static final String STALL_SALE = "ZXY26112700001";
    /** The holder's own name, which the stall's registered name carries. */
    static final String STALL_HOLDER = "张秀英";
    static final String STALL_NAME = "上海浦东新区三林" + STALL_HOLDER + "蔬菜摊";
    static final String STALL_USCC = "92310115MA1GT3K58J";

    static final String OWNER = "张建国";
    static final String INSPECTOR = "李卫东";
    static final String SHOPPER = "王小明";
    static final String SHOPPER_PHONE = "13812345678";

    static final String FARM_USCC = "91620105L015101280";
    static final String SLAUGHTERHOUSE_USCC = "91310112087994932F";
    static final String WHOLESALER_USCC = "91310000631696382C";
    static final String SUPERMARKET_USCC = "91310115MA1K3BTP2B";
    static final String MAINTAINER_USCC = "91310110666007217T";

    private PublicChains() {
    }

    static List<TraceEvent> pork() {
        TraceEvent pig = event(Category.MEAT, PIG_LOT, Step.PRODUCE, "2026-11-25T16:00:00+08:00", 3);
        pig.setOperator(party(FARM_USCC, "来安县绿源生猪养殖专业合作社", NodeType.FARM));
        product(pig, "0001", "生猪", "12", "HEA", "341122");
        certificate(pig, CertificateType.ORIGIN_QUARANTINE, "A3411220001234");

        TraceEvent slaughter = event(Category.MEAT, SLAUGHTER_LOT, Step.SLAUGHTER, "2026-11-26T22:00:00+08:00", 4, PIG_LOT);
        slaughter.setOperator(party(SLAUGHTERHOUSE_USCC, "上海五丰上食食品有限公司", NodeType.SLAUGHTERHOUSE));
        product(slaughter, "010101", "白条猪", "1140.5", "KGM", "341122");
        certificate(slaughter, CertificateType.ANIMAL_QUARANTINE, "3100123456");
        certificate(slaughter, CertificateType.MEAT_QUALITY, "310012611260088");
        MeatExtension meat = new MeatExtension();
        meat.setOwner(OWNER);
        meat.setInspector(INSPECTOR);
        meat.setHeadCount(BigInteger.valueOf(12));
        meat.setSampledHeadCount(BigInteger.valueOf(3));
        meat.setPositiveCount(BigInteger.ZERO);
        Extension x = new Extension();
        x.setMeat(meat);
        slaughter.setExtension(x);

        TraceEvent wholesale = event(Category.MEAT, WHOLESALE_LOT, Step.WHOLESALE, "2026-11-27T03:15:00+08:00", 5, SLAUGHTER_LOT);
        wholesale.setOperator(party(WHOLESALER_USCC, "上海西郊国际农产品交易有限公司", NodeType.WHOLESALE));
        wholesale.setCounterparty(party(SUPERMARKET_USCC, "上海联华超市有限公司", NodeType.SUPERMARKET));
        product(wholesale, "010101", "白条猪", "128.25", "KGM", "341122");
        certificate(wholesale, CertificateType.ANIMAL_QUARANTINE, "3100123456");
        certificate(wholesale, CertificateType.MEAT_QUALITY, "310012611270001");

        TraceEvent retail = event(Category.MEAT, RETAIL_LOT, Step.RETAIL_ENTRY, "2026-11-27T07:40:00+08:00", 6, WHOLESALE_LOT);
        retail.setOperator(party(SUPERMARKET_USCC, "上海联华超市有限公司", NodeType.SUPERMARKET));
        product(retail, "010102", "猪后腿肉", "128.25", "KGM", "341122");

        TraceEvent sale = event(Category.MEAT, SALE, Step.RETAIL_SALE, "2026-11-27T18:05:00+08:00", 7, RETAIL_LOT);
        sale.setOperator(party(SUPERMARKET_USCC, "上海联华超市有限公司", NodeType.SUPERMARKET));
        sale.setCounterparty(party(null, SHOPPER + " " + SHOPPER_PHONE, null));
        product(sale, "010102", "猪后腿肉", "0.62", "KGM", "341122");
        return List.of(pig, slaughter, wholesale, retail, sale);
    }

    /** Sampling found 2 positive heads among 3 (e.g. clenbuterol), yet the lot was sold on: the page must say so first. */
    static List<TraceEvent> positiveSampling() {
        TraceEvent slaughter = event(Category.MEAT, POSITIVE_SLAUGHTER_LOT, Step.SLAUGHTER, "2026-11-26T23:10:00+08:00", 3);
        slaughter.setOperator(party(SLAUGHTERHOUSE_USCC, "上海五丰上食食品有限公司", NodeType.SLAUGHTERHOUSE));
        product(slaughter, "010101", "白条猪", "950", "KGM", "341122");
        MeatExtension meat = new MeatExtension();
        meat.setHeadCount(BigInteger.valueOf(10));
        meat.setSampledHeadCount(BigInteger.valueOf(3));
        meat.setPositiveCount(BigInteger.valueOf(2));
        Extension x = new Extension();
        x.setMeat(meat);
        slaughter.setExtension(x);

        TraceEvent wholesale = event(Category.MEAT, POSITIVE_WHOLESALE_LOT, Step.WHOLESALE, "2026-11-27T03:40:00+08:00", 4,
                POSITIVE_SLAUGHTER_LOT);
        wholesale.setOperator(party(WHOLESALER_USCC, "上海西郊国际农产品交易有限公司", NodeType.WHOLESALE));
        product(wholesale, "010101", "白条猪", "95", "KGM", "341122");
        return List.of(slaughter, wholesale);
    }

    static TraceEvent wholesaleWithGap() {
        TraceEvent e = event(Category.MEAT, GAP_WHOLESALE_LOT, Step.WHOLESALE, "2026-11-27T03:22:00+08:00", 8, MISSING_SLAUGHTER_LOT);
        e.setOperator(party(WHOLESALER_USCC, "上海西郊国际农产品交易有限公司", NodeType.WHOLESALE));
        e.setCounterparty(party(SUPERMARKET_USCC, "上海联华超市有限公司", NodeType.SUPERMARKET));
        product(e, "010102", "猪后腿肉", "600", "KGM", "341122");
        return e;
    }

    /** Green vegetables entering 江桥 market under a legacy lot code, and one sale of them. */
    static List<TraceEvent> legacySlashed() {
        TraceEvent entry = event(Category.VEGETABLE, SLASHED_LOT, Step.MARKET_ENTRY, "2026-11-27T04:10:00+08:00", 3);
        entry.setOperator(party(WHOLESALER_USCC, "上海西郊国际农产品交易有限公司", NodeType.WHOLESALE));
        product(entry, "0301", "青菜", "500", "KGM", "341122");
        certificate(entry, CertificateType.MARKET_ENTRY_VOUCHER, "JC2019-000456");

        TraceEvent sale = event(Category.VEGETABLE, SLASHED_SALE, Step.RETAIL_SALE, "2026-11-27T09:30:00+08:00", 4, SLASHED_LOT);
        sale.setOperator(party(SUPERMARKET_USCC, "上海联华超市有限公司", NodeType.SUPERMARKET));
        product(sale, "0301", "青菜", "1.5", "KGM", "341122");
        return List.of(entry, sale);
    }

    /** The market (a company, 91) sells to a stall (an individual business, 92), whose sale a consumer scans. */
    static List<TraceEvent> individualStall() {
        TraceEvent wholesale = event(Category.VEGETABLE, STALL_WHOLESALE_LOT, Step.WHOLESALE, "2026-11-27T02:10:33+08:00", 2);
        wholesale.setOperator(party(WHOLESALER_USCC, "上海西郊国际农产品交易有限公司", NodeType.WHOLESALE));
        wholesale.setCounterparty(party(STALL_USCC, STALL_NAME, NodeType.RETAIL_MARKET));
        product(wholesale, "030101", "青菜", "86", "KGM", "310151");

        TraceEvent sale = event(Category.VEGETABLE, STALL_SALE, Step.RETAIL_SALE, "2026-11-27T08:30:00+08:00", 3, STALL_WHOLESALE_LOT);
        sale.setOperator(party(STALL_USCC, STALL_NAME, NodeType.RETAIL_MARKET));
        product(sale, "030101", "青菜", "1.2", "KGM", "310151");
        return List.of(wholesale, sale);
    }

    /** A vegetable lot entering 江桥 market under each of {@link #ODD_CODES}. */
    static List<TraceEvent> legacyOdd() {
        List<TraceEvent> events = new java.util.ArrayList<>();
        int row = 10;
        for (String code : ODD_CODES) {
            TraceEvent entry = event(Category.VEGETABLE, code, Step.MARKET_ENTRY, "2026-11-27T04:20:00+08:00", row++);
            entry.setOperator(party(WHOLESALER_USCC, "上海西郊国际农产品交易有限公司", NodeType.WHOLESALE));
            product(entry, "0301", "青菜", "20", "KGM", "341122");
            events.add(entry);
        }
        return events;
    }

    /** Two codes that differ only in case: the loader keeps a code's case, so these are two lots. */
    static final List<String> CASE_TWINS = List.of("jq2611270031", "JQ2611270031");

    /** A vegetable lot entering 江桥 market under each of {@link #CASE_TWINS}, one 20 kg, the other 30 kg. */
    static List<TraceEvent> caseTwins() {
        List<TraceEvent> events = new java.util.ArrayList<>();
        int row = 30;
        for (String code : CASE_TWINS) {
            TraceEvent entry = event(Category.VEGETABLE, code, Step.MARKET_ENTRY, "2026-11-27T04:30:00+08:00", row++);
            entry.setOperator(party(WHOLESALER_USCC, "上海西郊国际农产品交易有限公司", NodeType.WHOLESALE));
            product(entry, "0301", "青菜", row == 31 ? "20" : "30", "KGM", "341122");
            events.add(entry);
        }
        return events;
    }

    /** A vegetable lot entering 江桥 market under {@link #MIXED_CASE_LOT}. */
    static List<TraceEvent> mixedCaseLot() {
        TraceEvent entry = event(Category.VEGETABLE, MIXED_CASE_LOT, Step.MARKET_ENTRY, "2026-11-27T04:40:00+08:00", 40);
        entry.setOperator(party(WHOLESALER_USCC, "上海西郊国际农产品交易有限公司", NodeType.WHOLESALE));
        product(entry, "0301", "青菜", "40", "KGM", "341122");
        return List.of(entry);
    }

    /** One record of each of {@link #LIFTS_SHARING_IT} lifts, all giving {@link #SHARED_EMERGENCY_CODE}. */
    static List<TraceEvent> sharedEmergencyCode() {
        List<TraceEvent> events = new java.util.ArrayList<>();
        for (int i = 0; i < LIFTS_SHARING_IT; i++) {
            events.add(liftRecord(String.format("311031010120260%05d", 100 + i), String.format("310031011220260%05d", 100 + i),
                    SHARED_EMERGENCY_CODE, Step.MAINTAIN, "2026-11-20T09:00:00+08:00", 20 + i));
        }
        return events;
    }

    static List<TraceEvent> elevator() {
        return List.of(
                elevatorRecord(Step.INSPECT, "2026-06-15T10:30:00+08:00", "定期检验", 9),
                elevatorRecord(Step.MAINTAIN, "2026-10-02T09:00:00+08:00", "半月保养", 10),
                elevatorRecord(Step.MAINTAIN, "2026-10-17T14:00:00+08:00", "季度保养", 11));
    }

    /** Two lifts' records that both give {@link #REISSUED_EMERGENCY_CODE}: the scrapped one's and its replacement's. */
    static List<TraceEvent> reissuedEmergencyCode() {
        return List.of(
                liftRecord(SCRAPPED_LIFT, "31003101122009050017", REISSUED_EMERGENCY_CODE, Step.MAINTAIN, "2025-12-02T09:00:00+08:00", 12),
                liftRecord(SCRAPPED_LIFT, "31003101122009050017", REISSUED_EMERGENCY_CODE, Step.SCRAP, "2026-03-01T09:00:00+08:00", 13),
                liftRecord(NEW_LIFT, "31003101122026050028", REISSUED_EMERGENCY_CODE, Step.INSPECT, "2026-05-20T10:00:00+08:00", 14),
                liftRecord(NEW_LIFT, "31003101122026050028", REISSUED_EMERGENCY_CODE, Step.MAINTAIN, "2026-11-17T14:00:00+08:00", 15));
    }

    private static TraceEvent liftRecord(String lift, String registrationCode, String emergencyCode, Step step, String time, int row) {
        TraceEvent e = event(Category.ELEVATOR, lift, step, time, row);
        e.setOperator(party(MAINTAINER_USCC, "上海三菱电梯有限公司", NodeType.MAINTAINER));
        ElevatorExtension el = new ElevatorExtension();
        el.setEquipmentCode(lift);
        el.setRegistrationCode(registrationCode);
        el.setEmergencyCode(emergencyCode);
        Extension x = new Extension();
        x.setElevator(el);
        e.setExtension(x);
        return e;
    }

    private static TraceEvent elevatorRecord(Step step, String time, String type, int row) {
        TraceEvent e = event(Category.ELEVATOR, ELEVATOR, step, time, row);
        e.setOperator(party(MAINTAINER_USCC, "上海三菱电梯有限公司", NodeType.MAINTAINER));
        ElevatorExtension el = new ElevatorExtension();
        el.setEquipmentCode(ELEVATOR);
        el.setRegistrationCode("31003101122019050033");
        el.setEmergencyCode(ELEVATOR_EMERGENCY_CODE);
        el.setMaintenanceType(type);
        el.setNextInspectionDate(LocalDate.of(2027, 6, 15));
        Extension x = new Extension();
        x.setElevator(el);
        e.setExtension(x);
        if (step == Step.INSPECT) {
            certificate(e, CertificateType.INSPECTION, "DT2026-0615-0042");
        }
        return e;
    }

    private static TraceEvent event(Category category, String code, Step step, String time, int row, String... inputs) {
        TraceEvent e = new TraceEvent();
        e.setEventId(EventIds.of("public-web-test", List.of(code, step.name(), time)));
        e.setCategory(category);
        e.setStep(step);
        e.setTime(OffsetDateTime.parse(time));
        e.setTraceCode(code);
        if (inputs.length > 0) {
            Inputs in = new Inputs();
            in.getInput().addAll(List.of(inputs));
            e.setInputs(in);
        }
        Provenance p = new Provenance();
        p.setSourceId("public-web-test");
        p.setRow(BigInteger.valueOf(row));
        e.setProvenance(p);
        return e;
    }

    private static void product(TraceEvent e, String code, String name, String quantity, String unit, String origin) {
        Product p = new Product();
        p.setCode(code);
        p.setName(name);
        e.setProduct(p);
        Quantity q = new Quantity();
        q.setValue(new BigDecimal(quantity));
        q.setUnit(unit);
        e.setQuantity(q);
        e.setOrigin(origin);
    }

    private static void certificate(TraceEvent e, CertificateType type, String number) {
        if (e.getCertificates() == null) {
            e.setCertificates(new Certificates());
        }
        Certificate c = new Certificate();
        c.setType(type);
        c.setNumber(number);
        e.getCertificates().getCertificate().add(c);
    }

    private static Party party(String uscc, String name, NodeType nodeType) {
        Party p = new Party();
        p.setUscc(uscc);
        p.setName(name);
        p.setNodeType(nodeType);
        return p;
    }
}
