package org.tracehub.platform.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.tracehub.platform.trace.ChainEvent.Relation;
import org.tracehub.schemas.standard.v1.Category;
import org.tracehub.schemas.standard.v1.DairyExtension;
import org.tracehub.schemas.standard.v1.Extension;
import org.tracehub.schemas.standard.v1.GasCylinderExtension;
import org.tracehub.schemas.standard.v1.NodeType;
import org.tracehub.schemas.standard.v1.Step;
import org.tracehub.schemas.standard.v1.TestResult;
import org.tracehub.schemas.standard.v1.TraceEvent;
import org.tracehub.schemas.standard.v1.VegetableExtension;

/** The public whitelist: what of an event may be shown, and what never is. */
class PublicEventViewTest {

    @Test
    void phoneNumbersInFreeTextAreMaskedAndTheRestIsKept() {
        assertThat(PersonalDataMask.mask("王记猪肉 13812345678")).isEqualTo("王记猪肉 ***");
        assertThat(PersonalDataMask.mask("联系电话021-6123 4567 浦东店")).isEqualTo("联系电话*** 浦东店");
        assertThat(PersonalDataMask.mask("+86 139-1234-5678")).isEqualTo("***");
        assertThat(PersonalDataMask.mask("批次 3100123456 / 310012611270001")).isEqualTo("批次 3100123456 / 310012611270001");
        assertThat(PersonalDataMask.mask(null)).isNull();
    }

    @Test
    void regionsReadAsProvincePrefectureAndCounty() {
        assertThat(RegionNames.fullName("341122")).isEqualTo("安徽省滁州市来安县");
        assertThat(RegionNames.fullName("310151")).isEqualTo("上海市崇明区");
        assertThat(RegionNames.fullName("340000")).isEqualTo("安徽省");
        assertThat(RegionNames.fullName("341100")).isEqualTo("安徽省滁州市");
        assertThat(RegionNames.fullName("999999")).isNull();
    }

    @Test
    void anOperatorWithoutACreditCodeIsNotNamedAndAPrivateCounterpartyIsDropped() {
        TraceEvent e = ChainEvents.of(Category.VEGETABLE, "V1", Step.RETAIL_SALE, "2026-11-27T08:00:00+08:00")
                .operator(null, "赵大妈", NodeType.OTHER)
                .counterparty(null, "钱先生 13900001111", null).build();

        ChainEvent shown = view(e, null);

        assertThat(shown.operatorName()).isNull();
        assertThat(shown.nodeType()).isNull();
        assertThat(shown.counterparty()).isNull();
        assertThat(shown.toString()).doesNotContain("赵大妈", "钱先生", "13900001111");
    }

    @Test
    void anIndividualBusinessIsShownByItsCodeAndNodeButNotItsNameWhileACompanyIsNamed() {
        TraceEvent stall = ChainEvents.of(Category.VEGETABLE, "V2", Step.RETAIL_SALE, "2026-11-27T08:00:00+08:00")
                .operator("92310115MA1GT3K58J", "上海浦东新区三林张秀英蔬菜摊", NodeType.RETAIL_MARKET)
                .counterparty("92310115MA1H8XYZ3K", "李建华猪肉铺", NodeType.RETAIL_MARKET).build();
        TraceEvent market = ChainEvents.of(Category.VEGETABLE, "V3", Step.WHOLESALE, "2026-11-27T03:00:00+08:00")
                .counterparty("92310115MA1GT3K58J", "上海浦东新区三林张秀英蔬菜摊", NodeType.RETAIL_MARKET).build();

        ChainEvent sold = view(stall, "RETAIL_MARKET");
        ChainEvent bought = view(market, "WHOLESALE");

        assertThat(sold.operatorName()).isEqualTo(ChainEvent.UNNAMED_INDIVIDUAL_BUSINESS);
        assertThat(sold.operatorUscc()).isEqualTo("92310115MA1GT3K58J");
        assertThat(sold.nodeType()).isEqualTo("RETAIL_MARKET");
        assertThat(sold.counterparty()).isEqualTo(new ChainEvent.Business("92310115MA1H8XYZ3K", ChainEvent.UNNAMED_INDIVIDUAL_BUSINESS,
                "RETAIL_MARKET"));
        assertThat(sold.toString()).doesNotContain("张秀英", "李建华");
        assertThat(bought.operatorName()).isEqualTo("上海西郊国际农产品交易有限公司");
        assertThat(bought.counterparty().name()).isEqualTo(ChainEvent.UNNAMED_INDIVIDUAL_BUSINESS);
    }

    @Test
    void vegetableAndDairyTestsAreShownButNotWhoCarriedTheMilk() {
        VegetableExtension veg = new VegetableExtension();
        veg.setPesticideTestResult(TestResult.PASS);
        veg.setPesticideInhibitionRate(new BigDecimal("12.50"));
        veg.setStallNo("A-12");
        Extension vx = new Extension();
        vx.setVegetable(veg);
        TraceEvent vegetable = ChainEvents.of(Category.VEGETABLE, "V2", Step.MARKET_ENTRY, "2026-11-27T05:00:00+08:00").build();
        vegetable.setExtension(vx);
        assertThat(view(vegetable, "SUPERMARKET").tests())
                .containsExactly(new ChainEvent.TestResult(TestItems.PESTICIDE_RESIDUE, "PASS", new BigDecimal("12.50"), "%"));
        assertThat(view(vegetable, "SUPERMARKET").facts()).containsExactly(new ChainEvent.Fact(FactKeys.STALL_NO, "A-12"));

        DairyExtension milk = new DairyExtension();
        milk.setTestResult(TestResult.PASS);
        milk.setProteinPercent(new BigDecimal("3.20"));
        milk.setFatPercent(new BigDecimal("3.8"));
        milk.setVehiclePlate("沪A·12345");
        milk.setTransportPermit("ZY-310-0042");
        milk.setProductionDate(LocalDate.of(2026, 11, 26));
        milk.setShelfLifeDays(BigInteger.valueOf(7));
        Extension dx = new Extension();
        dx.setDairy(milk);
        TraceEvent dairy = ChainEvents.of(Category.DAIRY, "D1", Step.COLLECT, "2026-11-26T05:00:00+08:00").build();
        dairy.setExtension(dx);
        ChainEvent shown = view(dairy, "COLLECTION_STATION");
        assertThat(shown.tests()).extracting(ChainEvent.TestResult::item)
                .containsExactly(TestItems.MILK_QUALITY, TestItems.MILK_PROTEIN, TestItems.MILK_FAT);
        assertThat(shown.facts()).containsExactly(new ChainEvent.Fact(FactKeys.PRODUCTION_DATE, "2026-11-26"),
                new ChainEvent.Fact(FactKeys.SHELF_LIFE_DAYS, "7"));
        assertThat(shown.toString()).doesNotContain("沪A", "ZY-310");
        // the same verdict on the bottled product at the plant is its release test, at the border its entry inspection
        TraceEvent bottled = ChainEvents.of(Category.DAIRY, "PJY1", Step.PROCESS, "2026-11-26T09:00:00+08:00").build();
        bottled.setExtension(dx);
        assertThat(view(bottled, "PROCESSOR").tests()).extracting(ChainEvent.TestResult::item).first().isEqualTo(TestItems.PRODUCT_RELEASE);
        TraceEvent imported = ChainEvents.of(Category.DAIRY, "IM1", Step.IMPORT, "2026-11-20T09:00:00+08:00").build();
        imported.setExtension(dx);
        assertThat(view(imported, "IMPORTER").tests()).extracting(ChainEvent.TestResult::item).first().isEqualTo(TestItems.IMPORT_INSPECTION);
    }

    @Test
    void aCylinderFillingShowsItsChecksAndMediumButNotTheFillingStaff() {
        GasCylinderExtension g = new GasCylinderExtension();
        g.setCylinderCode("QP310115000123");
        g.setMedium("液化石油气");
        g.setPressureAfterFillingMPa(new BigDecimal("1.60"));
        g.setPreFillCheck(TestResult.PASS);
        g.setPostFillCheck(TestResult.PASS);
        g.setOperatorId("CZY-0815");
        g.setNextInspectionDate(LocalDate.of(2028, 3, 1));
        Extension x = new Extension();
        x.setGasCylinder(g);
        TraceEvent fill = ChainEvents.of(Category.GAS_CYLINDER, "QP310115000123", Step.FILL, "2026-11-27T10:00:00+08:00").build();
        fill.setExtension(x);

        ChainEvent shown = view(fill, "FILLING_STATION");

        assertThat(shown.tests()).extracting(ChainEvent.TestResult::item, ChainEvent.TestResult::result)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(TestItems.PRE_FILL_CHECK, "PASS"),
                        org.assertj.core.groups.Tuple.tuple(TestItems.POST_FILL_CHECK, "PASS"));
        assertThat(shown.facts()).containsExactly(
                new ChainEvent.Fact(FactKeys.CYLINDER_CODE, "QP310115000123"),
                new ChainEvent.Fact(FactKeys.MEDIUM, "液化石油气"),
                new ChainEvent.Fact(FactKeys.PRESSURE_AFTER_FILLING_MPA, "1.6"),
                new ChainEvent.Fact(FactKeys.NEXT_INSPECTION_DATE, "2028-03-01"));
        assertThat(shown.toString()).doesNotContain("CZY-0815");
    }

    @Test
    void slaughterSamplingShowsAVerdictOnlyWhenHeadsWereSampled() {
        assertThat(slaughter(3, 0).tests()).singleElement().satisfies(t -> assertThat(t.result()).isEqualTo("PASS"));
        assertThat(slaughter(3, 1).tests()).singleElement().satisfies(t -> assertThat(t.result()).isEqualTo("FAIL"));
        assertThat(slaughter(0, 0).tests()).as("none sampled: no 合格 for a test that never happened").isEmpty();
        assertThat(slaughter(null, 0).tests()).isEmpty();
        assertThat(slaughter(null, 2).tests()).as("a positive head is reported whatever the sample count says")
                .singleElement().satisfies(t -> assertThat(t.result()).isEqualTo("FAIL"));
    }

    @Test
    void quantitiesAndMeasuredValuesAreWholeNumbersNotScientificNotation() {
        DairyExtension milk = new DairyExtension();
        milk.setProteinPercent(new BigDecimal("16.00"));
        milk.setDensity(new BigDecimal("1030.0"));
        milk.setFatPercent(new BigDecimal("3.80"));
        Extension x = new Extension();
        x.setDairy(milk);
        TraceEvent e = ChainEvents.of(Category.DAIRY, "D2", Step.COLLECT, "2026-11-26T05:00:00+08:00").build();
        e.setExtension(x);
        String uscc = e.getOperator().getUscc();
        // the store's DECIMAL(20, 6): 600 kg comes back as 600.000000, which stripped of its zeros is 6E+2
        PublicEventView.StoredEvent row = new PublicEventView.StoredEvent(e.getEventId(), e.getTraceCode(), "DAIRY", "COLLECT",
                e.getTime(), uscc, e.getOperator().getName(), "COLLECTION_STATION", null, null, new BigDecimal("600.000000"), "KGM",
                null, null, null, null, null);

        ChainEvent shown = PublicEventView.of(row, e, Relation.SELF, 0);

        // what a JSON writer prints: BigDecimal.toString
        assertThat(shown.quantity()).hasToString("600");
        assertThat(shown.tests()).extracting(t -> t.value().toString()).containsExactly("16", "3.8", "1030");
        assertThat(PublicEventView.plain(new BigDecimal("1140.500000"))).hasToString("1140.5");
        assertThat(PublicEventView.plain(new BigDecimal("0.000000"))).hasToString("0");
    }

    private static ChainEvent slaughter(Integer sampled, int positive) {
        org.tracehub.schemas.standard.v1.MeatExtension meat = new org.tracehub.schemas.standard.v1.MeatExtension();
        meat.setHeadCount(BigInteger.valueOf(40));
        meat.setSampledHeadCount(sampled == null ? null : BigInteger.valueOf(sampled));
        meat.setPositiveCount(BigInteger.valueOf(positive));
        Extension x = new Extension();
        x.setMeat(meat);
        TraceEvent e = ChainEvents.meat("TZ1", Step.SLAUGHTER, "2026-11-26T22:00:00+08:00").build();
        e.setExtension(x);
        return view(e, "SLAUGHTERHOUSE");
    }

    private static ChainEvent view(TraceEvent e, String nodeType) {
        String uscc = e.getOperator().getUscc();
        PublicEventView.StoredEvent row = new PublicEventView.StoredEvent(e.getEventId(), e.getTraceCode(), e.getCategory().name(),
                e.getStep().name(), e.getTime(), uscc, e.getOperator().getName(), uscc == null ? "OTHER" : nodeType, null, null,
                null, null, null, null, null, null, null);
        return PublicEventView.of(row, e, Relation.SELF, 0);
    }
}
