package org.tracehub.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.tracehub.platform.trace.ChainEvent;
import org.tracehub.platform.trace.ChainEvent.Relation;
import org.tracehub.platform.trace.FactKeys;
import org.tracehub.platform.trace.TestItems;
import org.tracehub.platform.trace.TraceChain;
import org.tracehub.schemas.unit.StandardUnit;

/** The consumer page's model: Chinese terms, local times, the heading, the order of the timeline, and its red banners. */
class TracePageTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** 2026-11-28 in Shanghai. */
    private static final Clock NOW = at("2026-11-28T10:00:00+08:00");

    @Test
    void aLotReadsFromOriginToShelfInChineseAndLocalTime() {
        TraceChain chain = new TraceChain("V3", TraceChain.Kind.LOT, List.of(
                event("V1", "VEGETABLE", "HARVEST", "2026-11-26T22:10:00Z", "91310116052958608G", "上海绿叶蔬菜专业合作社", "FARM",
                        "310151", "上海市崇明区", List.of(), Relation.UPSTREAM, 1),
                event("V3", "VEGETABLE", "MARKET_ENTRY", "2026-11-27T05:00:00+08:00", null, null, null, null, null,
                        List.of(new ChainEvent.TestResult(TestItems.PESTICIDE_RESIDUE, "PASS", new BigDecimal("12.5"), "%")),
                        Relation.SELF, 0)),
                List.of("V0"), true);

        TracePage page = TracePage.of(chain, NOW);

        assertThat(page.equipment()).isFalse();
        assertThat(page.title()).isEqualTo("青菜");
        assertThat(page.origin()).isEqualTo("上海市崇明区");
        assertThat(page.gaps()).containsExactly("V0");
        assertThat(page.truncated()).isTrue();
        assertThat(page.entries()).extracting(TimelineEntry::step, TimelineEntry::time, TimelineEntry::relationLabel, TimelineEntry::nodeType)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("采收", "2026-11-27 06:10", "来源", "生产基地"),
                        org.assertj.core.groups.Tuple.tuple("进场", "2026-11-27 05:00", "本批次", null));
        assertThat(page.entries().get(1).operator()).isEqualTo(TimelineEntry.UNNAMED_OPERATOR);
        assertThat(page.entries().get(1).tests())
                .containsExactly(new TimelineEntry.Check("农药残留快检（抑制率）", "合格（12.5%）", "PASS"));
        assertThat(page.entries().get(0).quantity()).isEqualTo("3.5 千克");
        assertThat(page.alerts()).as("every test passed").isEmpty();
    }

    /**
     * A record that gives only its date is stored at 00:00 of that day in the hub's zone: the page shows the date alone,
     * not "00:00", which read as goods moved at midnight. Midnight elsewhere (00:00 UTC is 08:00 here) keeps its time.
     */
    @Test
    void aRecordAtMidnightInTheHubsZoneShowsItsDateAloneAndOtherTimesKeepTheirHourAndMinute() {
        TraceChain chain = new TraceChain("V3", TraceChain.Kind.LOT, List.of(
                event("V1", "VEGETABLE", "HARVEST", "2026-11-26T00:00:00+08:00", "91310116052958608G", "上海绿叶蔬菜专业合作社", "FARM",
                        "310151", "上海市崇明区", List.of(), Relation.UPSTREAM, 1),
                event("V2", "VEGETABLE", "WHOLESALE", "2026-11-26T16:00:00Z", null, null, null, null, null, List.of(),
                        Relation.UPSTREAM, 1),
                event("V3", "VEGETABLE", "MARKET_ENTRY", "2026-11-27T00:00:00Z", null, null, null, null, null, List.of(),
                        Relation.SELF, 0)),
                List.of(), false);

        TracePage page = TracePage.of(chain, NOW);

        assertThat(page.entries()).extracting(TimelineEntry::time).containsExactly("2026-11-26", "2026-11-27", "2026-11-27 08:00");
    }

    @Test
    void equipmentReadsAsAServiceRecordNewestFirstWithItsNextInspection() {
        ChainEvent older = equipmentRecord("2026-06-15T10:30:00+08:00", "INSPECT", "2027-06-15");
        ChainEvent newer = equipmentRecord("2026-10-17T14:00:00+08:00", "MAINTAIN", "2027-06-16");
        TracePage page = TracePage.of(new TraceChain("EQ1", TraceChain.Kind.EQUIPMENT, List.of(older, newer), List.of(), false), NOW);

        assertThat(page.equipment()).isTrue();
        assertThat(page.title()).isEqualTo("电梯 EQ1");
        assertThat(page.nextInspection()).isEqualTo("2027-06-16");
        assertThat(page.entries()).extracting(TimelineEntry::step, TimelineEntry::relationLabel).containsExactly(
                org.assertj.core.groups.Tuple.tuple("维护保养", "本设备"), org.assertj.core.groups.Tuple.tuple("检验", "本设备"));
        assertThat(page.entries().get(0).facts()).containsExactly(new TimelineEntry.Labelled("下次检验日期", "2027-06-16"));
        assertThat(page.alerts()).as("inspected in time, in service").isEmpty();
    }

    @Test
    void aFailedTestOfTheLotOrUpstreamIsARedBannerNamingTheStep() {
        ChainEvent.TestResult positives = new ChainEvent.TestResult(TestItems.SLAUGHTER_SAMPLING, "FAIL", new BigDecimal("2"), null);
        ChainEvent.TestResult pesticide = new ChainEvent.TestResult(TestItems.PESTICIDE_RESIDUE, "FAIL", new BigDecimal("61.3"), "%");
        ChainEvent.TestResult passed = new ChainEvent.TestResult(TestItems.PESTICIDE_RESIDUE, "PASS", new BigDecimal("12"), "%");
        TraceChain chain = new TraceChain("L2", TraceChain.Kind.LOT, List.of(
                event("L0", "MEAT", "SLAUGHTER", "2026-11-26T22:00:00+08:00", "91310112087994932F", "上海五丰上食食品有限公司",
                        "SLAUGHTERHOUSE", null, null, List.of(positives), Relation.UPSTREAM, 2),
                event("L1", "MEAT", "MARKET_ENTRY", "2026-11-27T03:00:00+08:00", "91310000631696382C", "上海西郊国际农产品交易有限公司",
                        "WHOLESALE", null, null, List.of(pesticide, passed), Relation.UPSTREAM, 1),
                event("L2", "MEAT", "RETAIL_SALE", "2026-11-27T18:00:00+08:00", "91310115MA1K3BTP2B", "上海联华超市有限公司",
                        "SUPERMARKET", null, null, List.of(), Relation.SELF, 0),
                // a test of a lot made from this one, after it left: that lot's, not this one's
                event("L3", "MEAT", "RETAIL_ENTRY", "2026-11-28T07:00:00+08:00", null, null, null, null, null, List.of(pesticide),
                        Relation.DOWNSTREAM, 1)), List.of(), false);

        TracePage page = TracePage.of(chain, NOW);

        assertThat(page.alerts()).containsExactly(new ChainAlert(ChainAlert.Kind.TEST_FAILED, "检测不合格",
                List.of("屠宰 · 宰前抽检（阳性头数）：不合格（2）", "进场 · 农药残留快检（抑制率）：不合格（61.3%）")));
    }

    @Test
    void aCylinderRefusedOnceAndFilledAfterPassedChecksSinceHasNoFailedBannerButItsStillFailedItemKeepsIt() {
        ChainEvent.TestResult preFailed = new ChainEvent.TestResult(TestItems.PRE_FILL_CHECK, "FAIL", null, null);
        ChainEvent.TestResult prePassed = new ChainEvent.TestResult(TestItems.PRE_FILL_CHECK, "PASS", null, null);
        ChainEvent.TestResult postFailed = new ChainEvent.TestResult(TestItems.POST_FILL_CHECK, "FAIL", null, null);
        ChainEvent refused = event("GC1", "GAS_CYLINDER", "FILL", "2026-10-01T09:00:00+08:00", null, null, null, null, null,
                List.of(preFailed), Relation.SELF, 0);
        ChainEvent filled = event("GC1", "GAS_CYLINDER", "FILL", "2026-11-20T09:00:00+08:00", null, null, null, null, null,
                List.of(prePassed), Relation.SELF, 0);

        TracePage now = TracePage.of(new TraceChain("GC1", TraceChain.Kind.EQUIPMENT, List.of(refused, filled), List.of(), false), NOW);
        assertThat(now.alerts()).as("the newest check passed: the cylinder is in order now").isEmpty();
        assertThat(now.entries().get(1).tests()).as("the refusal stays in its history")
                .extracting(TimelineEntry.Check::result).containsExactly("FAIL");

        ChainEvent leaking = event("GC1", "GAS_CYLINDER", "FILL", "2026-11-21T09:00:00+08:00", null, null, null, null, null,
                List.of(prePassed, postFailed), Relation.SELF, 0);
        assertThat(TracePage.of(new TraceChain("GC1", TraceChain.Kind.EQUIPMENT, List.of(refused, filled, leaking), List.of(), false),
                NOW).alerts()).containsExactly(new ChainAlert(ChainAlert.Kind.TEST_FAILED, "检测不合格", List.of("充装 · 充装后检查：不合格")));
        assertThat(TracePage.of(new TraceChain("GC1", TraceChain.Kind.EQUIPMENT, List.of(filled, refused), List.of(), false), NOW)
                .alerts()).as("newest by time, not by place in the list").isEmpty();
    }

    @Test
    void aLotThatFailedATestOnceKeepsTheBannerWhateverPassedLater() {
        ChainEvent.TestResult failed = new ChainEvent.TestResult(TestItems.PESTICIDE_RESIDUE, "FAIL", new BigDecimal("61.3"), "%");
        ChainEvent.TestResult passed = new ChainEvent.TestResult(TestItems.PESTICIDE_RESIDUE, "PASS", new BigDecimal("12"), "%");
        TraceChain chain = new TraceChain("V1", TraceChain.Kind.LOT, List.of(
                event("V1", "VEGETABLE", "MARKET_ENTRY", "2026-11-27T05:00:00+08:00", null, null, null, null, null, List.of(failed),
                        Relation.SELF, 0),
                event("V1", "VEGETABLE", "TEST", "2026-11-27T09:00:00+08:00", null, null, null, null, null, List.of(passed),
                        Relation.SELF, 0)), List.of(), false);

        assertThat(TracePage.of(chain, NOW).alerts()).containsExactly(new ChainAlert(ChainAlert.Kind.TEST_FAILED, "检测不合格",
                List.of("进场 · 农药残留快检（抑制率）：不合格（61.3%）")));
    }

    @Test
    void equipmentPastItsNextInspectionDateInTheHubsZoneSaysSo() {
        TraceChain lift = new TraceChain("EQ1", TraceChain.Kind.EQUIPMENT,
                List.of(equipmentRecord("2026-06-15T10:30:00+08:00", "INSPECT", "2026-11-27")), List.of(), false);

        assertThat(TracePage.of(lift, at("2026-11-27T23:59:00+08:00")).alerts()).as("the date itself is not overdue").isEmpty();
        // 2026-11-27 in UTC, but already the 28th in Shanghai, the hub's zone
        Clock nextDayInShanghai = Clock.fixed(Instant.parse("2026-11-27T16:30:00Z"), SHANGHAI);
        assertThat(TracePage.of(lift, nextDayInShanghai).alerts()).containsExactly(
                new ChainAlert(ChainAlert.Kind.INSPECTION_OVERDUE, "已超过下次检验日期（2026-11-27）", List.of()));
    }

    @Test
    void aScrappedItemSaysSoAndIsNotAlsoCalledOverdue() {
        TraceChain lift = new TraceChain("EQ1", TraceChain.Kind.EQUIPMENT, List.of(
                equipmentRecord("2026-03-01T09:00:00+08:00", "INSPECT", "2026-09-01"),
                equipmentRecord("2026-10-17T14:00:00+08:00", "SCRAP", "2026-09-01")), List.of(), false);

        assertThat(TracePage.of(lift, NOW).alerts()).containsExactly(
                new ChainAlert(ChainAlert.Kind.SCRAPPED, "已报废", List.of("2026-10-17 14:00 上海三菱电梯有限公司")));
    }

    @Test
    void aScrappedInputLotDoesNotMakeTheLotItselfScrapped() {
        TraceChain chain = new TraceChain("L1", TraceChain.Kind.LOT, List.of(
                event("L0", "MEAT", "SCRAP", "2026-11-26T22:00:00+08:00", "91310112087994932F", "上海五丰上食食品有限公司",
                        "SLAUGHTERHOUSE", null, null, List.of(), Relation.UPSTREAM, 1),
                event("L1", "MEAT", "WHOLESALE", "2026-11-27T03:00:00+08:00", "91310000631696382C", "上海西郊国际农产品交易有限公司",
                        "WHOLESALE", null, null, List.of(), Relation.SELF, 0)), List.of(), false);

        assertThat(TracePage.of(chain, NOW).alerts()).isEmpty();
    }

    @Test
    void theOtherBusinessOfAStepIsNamedForWhatItIsToThatStep() {
        ChainEvent.Business market = new ChainEvent.Business("91310000631696382C", "上海西郊国际农产品交易有限公司", "WHOLESALE_MARKET");
        ChainEvent.Business user = new ChainEvent.Business("91310115MA1K3BTP2B", "上海某物业管理有限公司", "EQUIPMENT_USER");
        TraceChain chain = new TraceChain("L1", TraceChain.Kind.LOT, List.of(
                withCounterparty("L0", "WHOLESALE", "2026-11-27T03:00:00+08:00", market, Relation.UPSTREAM, 1),
                withCounterparty("L1", "RETAIL_ENTRY", "2026-11-27T06:00:00+08:00", market, Relation.SELF, 0),
                withCounterparty("L1", "MAINTAIN", "2026-11-27T07:00:00+08:00", user, Relation.SELF, 0),
                withCounterparty("L1", "PROCESS", "2026-11-27T08:00:00+08:00", market, Relation.SELF, 0)), List.of(), false);

        TracePage page = TracePage.of(chain, NOW);

        assertThat(page.entries()).extracting(TimelineEntry::counterpartyRole, TimelineEntry::counterparty).containsExactly(
                org.assertj.core.groups.Tuple.tuple("售往", "上海西郊国际农产品交易有限公司"),
                org.assertj.core.groups.Tuple.tuple("供货方", "上海西郊国际农产品交易有限公司"),
                org.assertj.core.groups.Tuple.tuple("使用单位", "上海某物业管理有限公司"),
                org.assertj.core.groups.Tuple.tuple("相关单位", "上海西郊国际农产品交易有限公司"));
    }

    private static Clock at(String time) {
        return Clock.fixed(OffsetDateTime.parse(time).toInstant(), SHANGHAI);
    }

    private static ChainEvent withCounterparty(String code, String step, String time, ChainEvent.Business counterparty, Relation relation,
                                               int depth) {
        return new ChainEvent(code + step, code, "MEAT", step, OffsetDateTime.parse(time), "91310112087994932F", "上海联家超市有限公司", null,
                "SUPERMARKET", counterparty, "010101", "白条猪", null, new BigDecimal("3.5"), "KGM", null, null, List.of(), List.of(),
                List.of(), List.of(), relation, depth);
    }

    private static ChainEvent equipmentRecord(String time, String step, String next) {
        return new ChainEvent(time, "EQ1", "ELEVATOR", step, OffsetDateTime.parse(time), "91310110666007217T", "上海三菱电梯有限公司", null,
                "MAINTAINER", null, null, null, null, null, null, null, null, List.of(), List.of(),
                List.of(new ChainEvent.Fact(FactKeys.NEXT_INSPECTION_DATE, next)), List.of(), Relation.SELF, 0);
    }

    @Test
    void anInputFromOutsideTheProgrammesSourcesIsWhereTheLotCameFromNotAGapButAMissingWholesaleLotIs() {
        ChainEvent slaughter = withInputs(event("TZ1", "MEAT", "SLAUGHTER", "2026-11-26T22:00:00+08:00", null, null, null, null, null,
                List.of(), Relation.UPSTREAM, 1), "3100123456");
        ChainEvent wholesale = withInputs(event("XJ1", "MEAT", "WHOLESALE", "2026-11-27T03:00:00+08:00", null, null, null, null, null,
                List.of(), Relation.SELF, 0), "TZ1", "TZ-MISSING");
        TraceChain chain = new TraceChain("XJ1", TraceChain.Kind.LOT, List.of(slaughter, wholesale),
                List.of("3100123456", "TZ-MISSING"), false);

        // as ProgrammeScope says while no farm reports meat
        TracePage page = TracePage.of(chain, NOW, e -> e.step().equals("SLAUGHTER"));

        assertThat(page.gaps()).containsExactly("TZ-MISSING");
        assertThat(page.outside()).containsExactly("3100123456");
        // once farms report, the farm's unreported lot is a gap too
        assertThat(TracePage.of(chain, NOW, e -> false).gaps()).containsExactly("3100123456", "TZ-MISSING");
    }

    /**
     * A lot made in bottles and shipped in cases reads as such (8600 瓶, then 120 件), not both as pieces, and every unit
     * the standard knows is shown by its Chinese name, never as its code (XBO).
     */
    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource({"8600, XBO, 8600 瓶", "120, XPK, 120 件", "24, XCS, 24 箱", "6, XBX, 6 盒", "40, XBG, 40 袋", "300, XCX, 300 罐",
            "10, XPA, 10 包", "2, XDR, 2 桶", "12, PCE, 12 个", "3.5, KGM, 3.5 千克"})
    void showsAQuantityInTheChineseNameOfItsUnit(String value, String unit, String shown) {
        assertThat(quantityShown(value, unit)).isEqualTo(shown);
    }

    @ParameterizedTest
    @EnumSource(StandardUnit.class)
    void namesEveryStandardUnitInChinese(StandardUnit unit) {
        assertThat(quantityShown("1", unit.name())).isEqualTo("1 " + unit.chineseName()).doesNotContain(unit.name());
    }

    private static String quantityShown(String value, String unit) {
        ChainEvent e = event("P1", "DAIRY", "PROCESS", "2026-11-26T11:40:00+08:00", null, null, null, null, null, List.of(),
                Relation.SELF, 0);
        ChainEvent inUnit = new ChainEvent(e.eventId(), e.traceCode(), e.category(), e.step(), e.time(), e.operatorUscc(),
                e.operatorName(), e.nodeCode(), e.nodeType(), e.counterparty(), e.productCode(), e.productName(), e.productGtin(),
                new BigDecimal(value), unit, e.origin(), e.originName(), e.certificates(), e.tests(), e.facts(), e.inputs(),
                e.relation(), e.depth());
        TracePage page = TracePage.of(new TraceChain("P1", TraceChain.Kind.LOT, List.of(inUnit), List.of(), false), NOW);
        return page.entries().get(0).quantity();
    }

    private static ChainEvent withInputs(ChainEvent e, String... inputs) {
        return new ChainEvent(e.eventId(), e.traceCode(), e.category(), e.step(), e.time(), e.operatorUscc(), e.operatorName(),
                e.nodeCode(), e.nodeType(), e.counterparty(), e.productCode(), e.productName(), e.productGtin(), e.quantity(), e.unit(),
                e.origin(), e.originName(), e.certificates(), e.tests(), e.facts(), List.of(inputs), e.relation(), e.depth());
    }

    private static ChainEvent event(String code, String category, String step, String time, String uscc, String name, String nodeType,
                                    String origin, String originName, List<ChainEvent.TestResult> tests, Relation relation, int depth) {
        return new ChainEvent(code + step, code, category, step, OffsetDateTime.parse(time), uscc, name, null, nodeType, null, "0301", "青菜",
                null, new BigDecimal("3.5"), "KGM", origin, originName, List.of(), tests, List.of(), List.of(), relation, depth);
    }
}
