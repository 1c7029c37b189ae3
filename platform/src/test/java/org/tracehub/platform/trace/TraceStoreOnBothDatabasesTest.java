package org.tracehub.platform.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tracehub.platform.testing.BothDatabases;
import org.tracehub.platform.operator.Operator;
import org.tracehub.platform.operator.OperatorRegistry;
import org.tracehub.platform.product.ProductCatalog;
import org.tracehub.platform.trace.ChainEvent.Relation;
import org.tracehub.schemas.standard.v1.Category;
import org.tracehub.schemas.standard.v1.CertificateType;
import org.tracehub.schemas.standard.v1.NodeType;
import org.tracehub.schemas.standard.v1.Step;
import org.tracehub.schemas.standard.v1.TraceEvent;

/** The read side — operators, products, aliases and the chain query — on H2 and on a real PostgreSQL. */
class TraceStoreOnBothDatabasesTest extends BothDatabases {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T00:00:00Z"), ZoneId.of("Asia/Shanghai"));
    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void upgradingAStoreWithEventsFillsTheOperatorAndProductTablesAndKeepsItsLinks(String vendor, DataSource ds) {
        JdbcClient jdbc = migrateTo(vendor, ds, "2");
        jdbc.sql("INSERT INTO trace_event (event_id, trace_code, category, step, event_time, operator_uscc, operator_name, node_type, "
                        + "product_code, product_name, source_id, batch_id, attempt, row_no, payload, loaded_at) "
                        + "VALUES (?, 'XJ1', 'MEAT', 'WHOLESALE', ?, ?, '上海西郊国际农产品交易有限公司', 'WHOLESALE', '010101', '白条猪', "
                        + "'meat-wholesale-xj', 'b0', 1, 3, '<event/>', ?)")
                .params("0".repeat(32), java.time.OffsetDateTime.parse("2026-11-27T03:15:00+08:00"), ChainEvents.WHOLESALER,
                        java.time.OffsetDateTime.now(CLOCK))
                .update();
        jdbc.sql("INSERT INTO trace_link (event_id, trace_code, input_code) VALUES (?, 'XJ1', 'TZ1')").param("0".repeat(32)).update();

        upgrade(vendor, ds);

        assertThat(new OperatorRegistry(new JdbcTemplate(ds), CLOCK).find(ChainEvents.WHOLESALER)).get()
                .extracting(Operator::name, Operator::nodeType).containsExactly("上海西郊国际农产品交易有限公司", "WHOLESALE");
        assertThat(new ProductCatalog(new JdbcTemplate(ds), CLOCK).find("010101")).get().extracting(p -> p.name()).isEqualTo("白条猪");
        assertThat(jdbc.sql("SELECT input_code FROM trace_link WHERE trace_code = 'XJ1'").query(String.class).list())
                .as("the link keyed by code since V8 came along").containsExactly("TZ1");
    }

    private static TraceEventStore load(DataSource ds, List<TraceEvent> events) {
        TraceEventStore store = new TraceEventStore(new JdbcTemplate(ds), CLOCK);
        events.forEach(e -> store.upsert(e, "20261128-00000000b1", 1));
        return store;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aRetailSaleShowsItsWholeChainUpToTheLivePigLotInTimeOrder(String vendor, DataSource ds) {
        JdbcClient jdbc = migrate(vendor, ds);
        load(ds, PorkChain.events());

        TraceChain chain = new TraceChainQuery(jdbc).chain(PorkChain.SALE, TraceChainQuery.DEFAULT_MAX_DEPTH);

        assertThat(chain.kind()).isEqualTo(TraceChain.Kind.LOT);
        assertThat(chain.events()).extracting(ChainEvent::traceCode, ChainEvent::step, ChainEvent::relation, ChainEvent::depth)
                .containsExactly(
                        tuple(PorkChain.PIG_LOT, "PRODUCE", Relation.UPSTREAM, 4),
                        tuple(PorkChain.SLAUGHTER_LOT, "SLAUGHTER", Relation.UPSTREAM, 3),
                        tuple(PorkChain.WHOLESALE_LOT, "WHOLESALE", Relation.UPSTREAM, 2),
                        tuple(PorkChain.RETAIL_LOT, "RETAIL_ENTRY", Relation.UPSTREAM, 1),
                        tuple(PorkChain.SALE, "RETAIL_SALE", Relation.SELF, 0));
        assertThat(chain.gaps()).isEmpty();
        assertThat(chain.truncated()).isFalse();
        assertThat(chain.upstreamDepth()).isEqualTo(4);
        // as reported, offset included, on both databases (PostgreSQL returns the column in UTC)
        assertThat(chain.events().get(4).time()).hasToString("2026-11-27T18:05+08:00");

        ChainEvent slaughter = chain.events().get(1);
        assertThat(slaughter.operatorName()).isEqualTo("上海五丰上食食品有限公司");
        assertThat(slaughter.nodeType()).isEqualTo("SLAUGHTERHOUSE");
        assertThat(slaughter.originName()).isEqualTo("安徽省滁州市来安县");
        assertThat(slaughter.certificates()).extracting(ChainEvent.Certificate::type, ChainEvent.Certificate::number)
                .containsExactly(tuple("ANIMAL_QUARANTINE", "3100123456"), tuple("MEAT_QUALITY", "310012611260088"));
        assertThat(slaughter.tests()).containsExactly(new ChainEvent.TestResult(TestItems.SLAUGHTER_SAMPLING, "PASS",
                java.math.BigDecimal.ZERO, null));
        assertThat(slaughter.facts()).containsExactly(new ChainEvent.Fact(FactKeys.HEAD_COUNT, "12"),
                new ChainEvent.Fact(FactKeys.SAMPLED_HEAD_COUNT, "3"));
        assertThat(chain.events().get(2).counterparty())
                .isEqualTo(new ChainEvent.Business(ChainEvents.SUPERMARKET, "上海联华超市有限公司", "SUPERMARKET"));
        assertThat(chain.events().get(4).counterparty()).as("a shopper without a credit code is nobody's business").isNull();
        assertThat(chain.toString()).doesNotContain(PorkChain.OWNER, PorkChain.INSPECTOR, PorkChain.SHOPPER);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aWholesaleLotShowsWhereItCameFromAndWhereItWent(String vendor, DataSource ds) {
        JdbcClient jdbc = migrate(vendor, ds);
        load(ds, PorkChain.events());

        TraceChain chain = new TraceChainQuery(jdbc).chain(PorkChain.WHOLESALE_LOT, TraceChainQuery.DEFAULT_MAX_DEPTH);

        assertThat(chain.events()).extracting(ChainEvent::traceCode, ChainEvent::relation, ChainEvent::depth).containsExactly(
                tuple(PorkChain.PIG_LOT, Relation.UPSTREAM, 2),
                tuple(PorkChain.SLAUGHTER_LOT, Relation.UPSTREAM, 1),
                tuple(PorkChain.WHOLESALE_LOT, Relation.SELF, 0),
                tuple(PorkChain.RETAIL_LOT, Relation.DOWNSTREAM, 1),
                tuple(PorkChain.SALE, Relation.DOWNSTREAM, 2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void inputsNobodyReportedAreGapsAndTheWalkGoesOnThroughTheOthers(String vendor, DataSource ds) {
        JdbcClient jdbc = migrate(vendor, ds);
        load(ds, List.of(
                ChainEvents.meat("XJ9", Step.WHOLESALE, "2026-11-27T03:00:00+08:00").inputs("TZ-MISSING", "TZ-KNOWN").build(),
                ChainEvents.meat("TZ-KNOWN", Step.SLAUGHTER, "2026-11-26T22:00:00+08:00").inputs("PIG-MISSING").build()));

        TraceChain chain = new TraceChainQuery(jdbc).chain("XJ9", 10);

        assertThat(chain.events()).extracting(ChainEvent::traceCode).containsExactly("TZ-KNOWN", "XJ9");
        assertThat(chain.gaps()).containsExactly("TZ-MISSING", "PIG-MISSING");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void ordersTheChainAsTheJourneyGoesSoALotDatedOnlyByItsDayComesAfterTheLotItWasBoughtFrom(String vendor, DataSource ds) {
        JdbcClient jdbc = migrate(vendor, ds);
        load(ds, List.of(
                // the wet market gives only its 进货日期: read as 00:00, two hours before the wholesaler's sale
                ChainEvents.meat("SL1", Step.RETAIL_ENTRY, "2026-11-27T00:00:00+08:00").inputs("XJ1").build(),
                ChainEvents.meat("SL1", Step.RETAIL_SALE, "2026-11-27T09:30:00+08:00").build(),
                ChainEvents.meat("XJ1", Step.WHOLESALE, "2026-11-27T02:10:33+08:00").inputs("TZ1").build(),
                ChainEvents.meat("TZ1", Step.SLAUGHTER, "2026-11-26T22:00:00+08:00").build()));

        TraceChain chain = new TraceChainQuery(jdbc).chain("SL1", 10);

        assertThat(chain.events()).extracting(ChainEvent::traceCode, ChainEvent::step)
                .containsExactly(tuple("TZ1", "SLAUGHTER"), tuple("XJ1", "WHOLESALE"), tuple("SL1", "RETAIL_ENTRY"),
                        tuple("SL1", "RETAIL_SALE"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aCycleInTheLinksEndsTheWalkAndTheDepthLimitIsReported(String vendor, DataSource ds) {
        JdbcClient jdbc = migrate(vendor, ds);
        load(ds, List.of(
                ChainEvents.meat("A", Step.WHOLESALE, "2026-11-27T03:00:00+08:00").inputs("B").build(),
                ChainEvents.meat("B", Step.WHOLESALE, "2026-11-27T04:00:00+08:00").inputs("A").build(),
                ChainEvents.meat("C1", Step.PRODUCE, "2026-11-20T00:00:00+08:00").build(),
                ChainEvents.meat("C2", Step.SLAUGHTER, "2026-11-21T00:00:00+08:00").inputs("C1").build(),
                ChainEvents.meat("C3", Step.WHOLESALE, "2026-11-22T00:00:00+08:00").inputs("C2").build(),
                ChainEvents.meat("C4", Step.RETAIL_ENTRY, "2026-11-23T00:00:00+08:00").inputs("C3").build()));
        TraceChainQuery query = new TraceChainQuery(jdbc);

        TraceChain cycle = query.chain("A", 10);
        assertThat(cycle.events()).extracting(ChainEvent::traceCode, ChainEvent::relation)
                .as("B, A's input, comes first though reported later").containsExactly(tuple("B", Relation.UPSTREAM), tuple("A", Relation.SELF));
        assertThat(cycle.truncated()).isFalse();

        TraceChain limited = query.chain("C4", 2);
        assertThat(limited.events()).extracting(ChainEvent::traceCode).containsExactly("C2", "C3", "C4");
        assertThat(limited.truncated()).isTrue();
        assertThat(query.chain("C4", 3).truncated()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aLevelWiderThanOneQueryKeepsTheNewestEventsOfTheWholeLevel(String vendor, DataSource ds) {
        JdbcClient jdbc = migrate(vendor, ds);
        TraceEventStore store = new TraceEventStore(new JdbcTemplate(ds), CLOCK);
        int sales = TraceChainQuery.MAX_EVENTS + 20;
        java.time.OffsetDateTime first = java.time.OffsetDateTime.parse("2026-11-27T03:00:00+08:00");
        List<TraceEventStore.LoadedEvent> page = new java.util.ArrayList<>();
        page.add(keyed(ChainEvents.meat("TZ-WIDE", Step.SLAUGHTER, "2026-11-26T22:00:00+08:00").row(2).build(), "TZ0"));
        // each sale a minute after the one before, so "the newest" is one set whatever order the codes come in
        for (int i = 0; i < sales; i++) {
            page.add(keyed(ChainEvents.meat(String.format("S%04d", i), Step.WHOLESALE, first.plusMinutes(i).toString())
                    .inputs("TZ-WIDE").row(3 + i).build(), "S" + i));
        }
        store.upsertAll(page, "b51", 1);

        TraceChain wide = new TraceChainQuery(jdbc).chain("TZ-WIDE", TraceChainQuery.DEFAULT_MAX_DEPTH);

        assertThat(wide.truncated()).isTrue();
        // the lot's own event, and the newest sales that fit beside it — across the three IN lists of the level
        int kept = TraceChainQuery.MAX_EVENTS - 1;
        assertThat(wide.events()).filteredOn(e -> e.relation() == Relation.DOWNSTREAM).extracting(ChainEvent::traceCode)
                .containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.range(sales - kept, sales)
                        .mapToObj(i -> String.format("S%04d", i)).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aLotWithMoreEventsThanTheCapIsReadOnlyUpToItWithinOneLevelTooAndSaysSo(String vendor, DataSource ds) {
        JdbcClient jdbc = migrate(vendor, ds);
        TraceEventStore store = new TraceEventStore(new JdbcTemplate(ds), CLOCK);
        int beyond = TraceChainQuery.MAX_EVENTS + 20;
        List<TraceEventStore.LoadedEvent> page = new java.util.ArrayList<>();
        // a slaughter lot sold on to more buyers than the cap: each sale its own lot made from it
        page.add(keyed(ChainEvents.meat("TZ-WIDE", Step.SLAUGHTER, "2026-11-26T22:00:00+08:00").row(2).build(), "TZ0"));
        for (int i = 0; i < beyond; i++) {
            page.add(keyed(ChainEvents.meat("S" + i, Step.WHOLESALE, "2026-11-27T03:00:00+08:00").inputs("TZ-WIDE").row(3 + i).build(),
                    "S" + i));
        }
        // and a lot with more events of its own than the cap
        for (int i = 0; i < beyond; i++) {
            String time = java.time.OffsetDateTime.parse("2026-11-27T04:00:00+08:00").plusSeconds(i).toString();
            page.add(keyed(ChainEvents.meat("MANY", Step.WHOLESALE, time).row(10_000 + i).build(), "M" + i));
        }
        for (int i = 0; i < TraceChainQuery.MAX_EVENTS; i++) {
            String time = java.time.OffsetDateTime.parse("2026-11-27T05:00:00+08:00").plusSeconds(i).toString();
            page.add(keyed(ChainEvents.meat("EXACT", Step.WHOLESALE, time).row(20_000 + i).build(), "E" + i));
        }
        store.upsertAll(page, "b50", 1);
        TraceChainQuery query = new TraceChainQuery(jdbc);

        TraceChain wide = query.chain("TZ-WIDE", TraceChainQuery.DEFAULT_MAX_DEPTH);
        assertThat(wide.events()).hasSize(TraceChainQuery.MAX_EVENTS);
        assertThat(wide.truncated()).isTrue();

        TraceChain many = query.chain("MANY", TraceChainQuery.DEFAULT_MAX_DEPTH);
        assertThat(many.events()).hasSize(TraceChainQuery.MAX_EVENTS);
        assertThat(many.truncated()).isTrue();
        assertThat(many.events().get(many.events().size() - 1).time().toInstant()).as("the newest kept, the oldest left out")
                .isEqualTo(java.time.OffsetDateTime.parse("2026-11-27T04:00:00+08:00").plusSeconds(beyond - 1).toInstant());
        assertThat(many.events().get(0).time().toInstant())
                .isEqualTo(java.time.OffsetDateTime.parse("2026-11-27T04:00:00+08:00").plusSeconds(beyond - TraceChainQuery.MAX_EVENTS).toInstant());
        // exactly as many as the cap: whole, not cut short
        TraceChain exact = query.chain("EXACT", TraceChainQuery.DEFAULT_MAX_DEPTH);
        assertThat(exact.events()).hasSize(TraceChainQuery.MAX_EVENTS);
        assertThat(exact.truncated()).isFalse();

        // a sale's chain goes up to the lot it came from, with nothing cut
        TraceChain sale = query.chain("S7", TraceChainQuery.DEFAULT_MAX_DEPTH);
        assertThat(sale.events()).extracting(ChainEvent::traceCode).contains("TZ-WIDE", "S7");
        assertThat(sale.gaps()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aLotWithMoreShipmentsThanTheCapStillShowsItsSlaughterAndTheFarmAboveIt(String vendor, DataSource ds) {
        JdbcClient jdbc = migrate(vendor, ds);
        TraceEventStore store = new TraceEventStore(new JdbcTemplate(ds), CLOCK);
        List<TraceEventStore.LoadedEvent> page = new java.util.ArrayList<>();
        page.add(keyed(ChainEvents.meat("FARM-LOT", Step.PRODUCE, "2026-11-25T16:00:00+08:00").row(2).build(), "F0"));
        // the slaughterhouse files each sale under the slaughter lot's own code, as meat-slaughter-wuhao does
        page.add(keyed(ChainEvents.meat("TZ-BUSY", Step.SLAUGHTER, "2026-11-26T22:00:00+08:00").inputs("FARM-LOT")
                .meatExtension(m -> {
                    m.setSampledHeadCount(java.math.BigInteger.valueOf(3));
                    m.setPositiveCount(java.math.BigInteger.valueOf(2));
                }).row(3).build(), "TZ0"));
        java.time.OffsetDateTime first = java.time.OffsetDateTime.parse("2026-11-27T01:00:00+08:00");
        for (int i = 0; i < TraceChainQuery.MAX_EVENTS + 20; i++) {
            page.add(keyed(ChainEvents.meat("TZ-BUSY", Step.SHIP, first.plusSeconds(i).toString()).row(10 + i).build(), "V" + i));
        }
        // and a lot bought from it, a level below
        page.add(keyed(ChainEvents.meat("XJ-BOUGHT", Step.WHOLESALE, "2026-11-27T04:00:00+08:00").inputs("TZ-BUSY").row(9).build(),
                "XJ0"));
        store.upsertAll(page, "b52", 1);
        TraceChainQuery query = new TraceChainQuery(jdbc);

        TraceChain own = query.chain("TZ-BUSY", TraceChainQuery.DEFAULT_MAX_DEPTH);
        assertThat(own.truncated()).isTrue();
        assertThat(own.events()).hasSizeLessThanOrEqualTo(TraceChainQuery.MAX_EVENTS);
        assertThat(own.events()).extracting(ChainEvent::traceCode, ChainEvent::step, ChainEvent::relation)
                .contains(tuple("FARM-LOT", "PRODUCE", Relation.UPSTREAM), tuple("TZ-BUSY", "SLAUGHTER", Relation.SELF),
                        tuple("XJ-BOUGHT", "WHOLESALE", Relation.DOWNSTREAM));
        assertThat(own.events()).filteredOn(e -> "SLAUGHTER".equals(e.step())).singleElement()
                .satisfies(e -> assertThat(e.tests()).extracting(ChainEvent.TestResult::result).containsExactly("FAIL"));
        assertThat(own.events()).filteredOn(e -> "SHIP".equals(e.step())).extracting(e -> e.time().toInstant())
                .as("the rest the newest shipments").contains(first.plusSeconds(TraceChainQuery.MAX_EVENTS + 19).toInstant())
                .doesNotContain(first.toInstant());

        TraceChain below = query.chain("XJ-BOUGHT", TraceChainQuery.DEFAULT_MAX_DEPTH);
        assertThat(below.truncated()).isTrue();
        assertThat(below.events()).hasSizeLessThanOrEqualTo(TraceChainQuery.MAX_EVENTS);
        assertThat(below.events()).extracting(ChainEvent::traceCode, ChainEvent::step, ChainEvent::relation, ChainEvent::depth)
                .contains(tuple("FARM-LOT", "PRODUCE", Relation.UPSTREAM, 2), tuple("TZ-BUSY", "SLAUGHTER", Relation.UPSTREAM, 1),
                        tuple("XJ-BOUGHT", "WHOLESALE", Relation.SELF, 0));
        assertThat(below.gaps()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void anElevatorsHistoryIsFoundByItsEquipmentRegistrationOrEmergencyCode(String vendor, DataSource ds) {
        JdbcClient jdbc = migrate(vendor, ds);
        String equipment = "31103101012019050001";
        load(ds, List.of(
                elevatorEvent(equipment, Step.MAINTAIN, "2026-10-02T09:00:00+08:00", "半月保养"),
                elevatorEvent(equipment, Step.INSPECT, "2026-06-15T10:30:00+08:00", "定期检验"),
                elevatorEvent(equipment, Step.MAINTAIN, "2026-10-17T14:00:00+08:00", "季度保养")));
        TraceChainQuery query = new TraceChainQuery(jdbc);

        for (String code : List.of(equipment, "31003101122019050033", "96333-0417")) {
            TraceChain history = query.chain(code, 10);
            assertThat(history.kind()).as(code).isEqualTo(TraceChain.Kind.EQUIPMENT);
            assertThat(history.events()).as(code).extracting(ChainEvent::step, ChainEvent::relation).containsExactly(
                    tuple("INSPECT", Relation.SELF), tuple("MAINTAIN", Relation.SELF), tuple("MAINTAIN", Relation.SELF));
        }
        assertThat(query.chain(equipment, 10).events().get(2).facts()).containsExactly(
                new ChainEvent.Fact(FactKeys.EQUIPMENT_CODE, equipment),
                new ChainEvent.Fact(FactKeys.REGISTRATION_CODE, "31003101122019050033"),
                new ChainEvent.Fact(FactKeys.EMERGENCY_CODE, "96333-0417"),
                new ChainEvent.Fact(FactKeys.MAINTENANCE_TYPE, "季度保养"),
                new ChainEvent.Fact(FactKeys.NEXT_INSPECTION_DATE, "2027-06-15"));
        assertThat(query.chain("96333-9999", 10).notFound()).isTrue();
    }

    /**
     * Maintainer A files a lift under its 注册代码 and declares its 设备代码; the inspector files it under the 设备代码
     * alone. Either code, and the 96333 code both declare, gives the lift's one history — the inspection, and the
     * scrapping that the consumer page must announce, included — not the half its source filed under the code scanned.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aLiftTwoSourcesFileUnderItsRegistrationAndItsEquipmentCodeHasOneHistoryUnderEither(String vendor, DataSource ds) {
        JdbcClient jdbc = migrate(vendor, ds);
        String registration = "31103101042015060012";
        String equipment = "311010128201500153";
        load(ds, List.of(
                ChainEvents.of(Category.ELEVATOR, registration, Step.MAINTAIN, "2026-10-02T09:00:00+08:00")
                        .operator(ChainEvents.MAINTAINER, "上海沪晟电梯工程有限公司", NodeType.MAINTAINER)
                        .elevator(equipment, registration, "96333-0417", "半月维保", LocalDate.of(2027, 6, 15)).build(),
                ChainEvents.of(Category.ELEVATOR, equipment, Step.INSPECT, "2026-06-15T10:30:00+08:00")
                        .operator(ChainEvents.MAINTAINER, "上海市特种设备监督检验技术研究院", NodeType.MAINTAINER)
                        .elevator(equipment, null, "96333-0417", null, LocalDate.of(2027, 6, 15)).build()));
        TraceChainQuery query = new TraceChainQuery(jdbc);

        for (String code : List.of(registration, equipment, "96333-0417")) {
            TraceChain history = query.chain(code, 10);
            assertThat(history.ambiguous()).as(code).isFalse();
            assertThat(history.own()).as(code).extracting(ChainEvent::traceCode, ChainEvent::step)
                    .containsExactly(tuple(equipment, "INSPECT"), tuple(registration, "MAINTAIN"));
        }

        load(ds, List.of(ChainEvents.of(Category.ELEVATOR, equipment, Step.SCRAP, "2026-11-20T10:00:00+08:00")
                .operator(ChainEvents.MAINTAINER, "上海市特种设备监督检验技术研究院", NodeType.MAINTAINER)
                .elevator(equipment, null, null, null, null).build()));

        assertThat(query.chain(registration, 10).own()).extracting(ChainEvent::step).containsExactly("INSPECT", "MAINTAIN", "SCRAP");
    }

    /**
     * A gas cylinder is filled thousands of times over its life, each filling an event under its code declaring its
     * registration certificate; the inspector files the periodic inspection under the certificate. A consumer's scan of
     * the cylinder shows the inspection beside its newest fillings, and learning that the certificate is the cylinder's
     * reads the cylinder's identifier pairs and one event of each code, not its 5,000 fillings.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aCylinderFilledThousandsOfTimesShowsTheInspectionUnderItsCertificateFindingItWithoutReadingItsFillings(
            String vendor, DataSource ds) throws Exception {
        JdbcClient jdbc = migrate(vendor, ds);
        String cylinder = "31SH2019000123";
        String certificate = "TS2231SH0456";
        TraceEventStore store = new TraceEventStore(new JdbcTemplate(ds), CLOCK);
        java.time.OffsetDateTime firstFilling = java.time.OffsetDateTime.parse("2025-11-01T08:00:00+08:00");
        List<TraceEventStore.LoadedEvent> page = new java.util.ArrayList<>();
        int fillings = 5_000;
        for (int i = 0; i < fillings; i++) {
            TraceEvent filling = ChainEvents.of(Category.GAS_CYLINDER, cylinder, Step.FILL, firstFilling.plusHours(i + i / 2).toString())
                    .operator(ChainEvents.MAINTAINER, "上海燃气充装站", NodeType.FILLING_STATION).gasCylinder(cylinder, certificate).build();
            page.add(new TraceEventStore.LoadedEvent(filling, org.tracehub.schemas.xml.StandardXml.toXml(filling)));
            if (page.size() == 500 || i == fillings - 1) {
                store.upsertAll(page, "20261128-00000000c1", 1);
                page.clear();
            }
        }
        store.upsert(ChainEvents.of(Category.GAS_CYLINDER, certificate, Step.INSPECT, "2026-11-20T10:00:00+08:00")
                .operator(ChainEvents.MAINTAINER, "上海市特种设备监督检验技术研究院", NodeType.MAINTAINER)
                .gasCylinder(cylinder, certificate).build(), "20261128-00000000c2", 1);

        TraceChain chain = new TraceChainQuery(jdbc).chain(cylinder, 10);

        assertThat(chain.kind()).isEqualTo(TraceChain.Kind.EQUIPMENT);
        assertThat(chain.own()).extracting(ChainEvent::traceCode, ChainEvent::step).contains(tuple(certificate, "INSPECT"));
        assertThat(chain.own()).as("the newest fillings, up to the cap").hasSize(TraceChainQuery.MAX_EVENTS)
                .extracting(ChainEvent::traceCode).containsOnly(cylinder, certificate);
        assertThat(chain.truncated()).isTrue();
        assertThat(rowsReadFindingWhatCodesDeclare(vendor, jdbc, List.of(cylinder, certificate)))
                .as("the rows each step of the same-piece look-up read").allSatisfy(rows -> assertThat(rows).isLessThanOrEqualTo(10));
    }

    /** The rows each table access (H2: its scan count; PostgreSQL: each plan node's actual rows) of the look-up read. */
    private static List<Integer> rowsReadFindingWhatCodesDeclare(String vendor, JdbcClient jdbc, List<String> codes) {
        String sql = TraceChainQuery.declaredSql(codes.size());
        String plan = String.join("\n", jdbc.sql((vendor.equals("h2") ? "EXPLAIN ANALYZE " : "EXPLAIN (ANALYZE, FORMAT TEXT) ") + sql)
                .params(TraceChainQuery.declaredParams(codes)).query(String.class).list());
        java.util.regex.Matcher counts = java.util.regex.Pattern
                .compile(vendor.equals("h2") ? "scanCount: (\\d+)" : "actual time=\\S+ rows=(\\d+) loops=(\\d+)").matcher(plan);
        List<Integer> rows = new java.util.ArrayList<>();
        while (counts.find()) {
            rows.add(Integer.parseInt(counts.group(1)) * (vendor.equals("h2") ? 1 : Integer.parseInt(counts.group(2))));
        }
        assertThat(rows).as(plan).isNotEmpty();
        return rows;
    }

    /**
     * A 96333 code reissued to a new lift (the old one scrapped) is declared by both lifts' records: merged, the two
     * histories would read as one machine's. The code gives each lift's newest event to choose from, newest first; each
     * lift's own codes still give its own history alone.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void anEmergencyCodeTwoLiftsDeclareGivesEachLiftToChooseFromNotOneMergedHistory(String vendor, DataSource ds) {
        JdbcClient jdbc = migrate(vendor, ds);
        String scrapped = "31103101012009050001";
        String replacement = "31103101012026050002";
        load(ds, List.of(
                lift(scrapped, "31003101122009050011", Step.MAINTAIN, "2025-12-02T09:00:00+08:00"),
                lift(scrapped, "31003101122009050011", Step.SCRAP, "2026-03-01T09:00:00+08:00"),
                lift(replacement, "31003101122026050022", Step.INSPECT, "2026-05-20T10:00:00+08:00"),
                lift(replacement, "31003101122026050022", Step.MAINTAIN, "2026-11-17T14:00:00+08:00")));
        TraceChainQuery query = new TraceChainQuery(jdbc);

        TraceChain chain = query.chain("96333-0417", 10);

        assertThat(chain.notFound()).isFalse();
        assertThat(chain.ambiguous()).isTrue();
        assertThat(chain.events()).isEmpty();
        assertThat(chain.candidates()).extracting(ChainEvent::traceCode, ChainEvent::step)
                .containsExactly(tuple(replacement, "MAINTAIN"), tuple(scrapped, "SCRAP"));
        assertThat(chain.truncated()).as("both are offered").isFalse();
        assertThat(query.chain("31003101122026050022", 10).own()).extracting(ChainEvent::traceCode).containsOnly(replacement).hasSize(2);
        assertThat(query.chain(scrapped, 10).ambiguous()).isFalse();
    }

    /**
     * One registration certificate on a whole delivery of cylinders, one 96333 code on a block's lifts: the choice costs
     * the same statements however many share the identifier (before, one more for each piece), offers the first
     * {@link TraceChainQuery#MAX_CHOICES} by code, newest first, and says there are more.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void anIdentifierSharedByMoreLiftsThanAChoiceListsGivesTheFirstOnesInAFixedNumberOfStatementsAndSaysThereAreMore(
            String vendor, DataSource ds) {
        migrate(vendor, ds);
        int lifts = TraceChainQuery.MAX_CHOICES + 5;
        List<TraceEvent> events = new java.util.ArrayList<>();
        List<String> firstByCode = new java.util.ArrayList<>();
        for (int i = 0; i < lifts; i++) {
            String code = String.format("311031010120260%05d", i);
            String registration = String.format("310031011220260%05d", i);
            events.add(lift(code, registration, Step.INSPECT, "2026-05-20T10:00:00+08:00"));
            events.add(lift(code, registration, Step.MAINTAIN, String.format("2026-11-%02dT14:00:00+08:00", i + 1)));
            if (i < TraceChainQuery.MAX_CHOICES) {
                firstByCode.add(0, code);
            }
        }
        load(ds, events);
        org.tracehub.platform.testing.StatementCounter counter = new org.tracehub.platform.testing.StatementCounter(ds);
        TraceChainQuery query = new TraceChainQuery(JdbcClient.create(counter.dataSource()));

        TraceChain chain = query.chain("96333-0417", 10);

        assertThat(counter.takeCount())
                .as("the code's links and events, the identifier's pieces, whether the first is filed under another code too (3), their newest records")
                .isEqualTo(7);
        assertThat(chain.ambiguous()).isTrue();
        assertThat(chain.truncated()).as("more pieces than are offered").isTrue();
        assertThat(chain.candidates()).extracting(ChainEvent::traceCode).containsExactlyElementsOf(firstByCode);
        assertThat(chain.candidates()).extracting(ChainEvent::step).containsOnly("MAINTAIN");
    }

    /**
     * Trace codes are opaque and case-sensitive (STANDARDS.md), and the loader keeps a code's case: legacy lot codes
     * may be mixed case. A code typed in another case than any stored one is not found, but names the stored code
     * whatever its case — mixed, lower or upper — and an equipment identifier likewise, for the reader to be offered.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aCodeTypedInAnotherCaseNamesTheStoredCodeWhetherItIsStoredInMixedLowerOrUpperCase(String vendor, DataSource ds) {
        JdbcClient jdbc = migrate(vendor, ds);
        load(ds, List.of(
                ChainEvents.meat("SH-Lot2611a", Step.RETAIL_ENTRY, "2026-11-27T06:00:00+08:00").inputs("XJM2611270001").build(),
                ChainEvents.meat("XJM2611270001", Step.WHOLESALE, "2026-11-27T03:00:00+08:00").build(),
                ChainEvents.meat("sl2611270007", Step.RETAIL_SALE, "2026-11-27T09:00:00+08:00").build(),
                ChainEvents.of(Category.ELEVATOR, "31103101012019050001", Step.MAINTAIN, "2026-10-02T09:00:00+08:00")
                        .operator(ChainEvents.MAINTAINER, "上海三菱电梯有限公司", NodeType.MAINTAINER)
                        .elevator("31103101012019050001", "Reg-2019a", "96333-0417", "半月保养", LocalDate.of(2027, 6, 15)).build()));
        TraceChainQuery query = new TraceChainQuery(jdbc);

        assertThat(query.chain("sh-lot2611A", 10).notFound()).as("the code as typed").isTrue();
        for (String typed : List.of("sh-lot2611A", "SH-LOT2611A", "sh-lot2611a", "SH-Lot2611a")) {
            assertThat(query.storedSpellings(typed)).as(typed).containsExactly("SH-Lot2611a");
        }
        assertThat(query.storedSpellings("xjm2611270001")).containsExactly("XJM2611270001");
        assertThat(query.storedSpellings("SL2611270007")).containsExactly("sl2611270007");
        assertThat(query.storedSpellings("REG-2019A")).as("an equipment identifier").containsExactly("Reg-2019a");
        assertThat(query.storedSpellings("sh-lot2611b")).isEmpty();
    }

    /**
     * Two stored codes that differ only in case are two lots: a third spelling of them is neither, so both are named for
     * the reader to choose from, never one of them picked for him.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void codesStoredDifferingOnlyInCaseAreBothNamedWhenTypedInAThirdCase(String vendor, DataSource ds) {
        JdbcClient jdbc = migrate(vendor, ds);
        load(ds, List.of(
                ChainEvents.meat("jq2611270031", Step.RETAIL_ENTRY, "2026-11-27T04:30:00+08:00").build(),
                ChainEvents.meat("JQ2611270031", Step.RETAIL_ENTRY, "2026-11-27T05:30:00+08:00").build(),
                ChainEvents.meat("JQ2611270031", Step.RETAIL_SALE, "2026-11-27T08:30:00+08:00").build()));
        TraceChainQuery query = new TraceChainQuery(jdbc);

        assertThat(query.chain("Jq2611270031", 10).notFound()).isTrue();
        assertThat(query.storedSpellings("Jq2611270031")).containsExactly("JQ2611270031", "jq2611270031");
    }

    /**
     * The case-insensitive look-up reads indexes (V23: on H2 a generated column's, on PostgreSQL a partial expression
     * index that a stored upper-case code adds no entry to), never the event table, which holds billions of rows.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void theCaseInsensitiveLookUpReadsIndexesNotTheTables(String vendor, DataSource ds) throws Exception {
        migrate(vendor, ds);
        if (vendor.equals("h2")) {
            String plan = plan(ds, TraceChainQuery.VARIANTS_H2, java.util.Map.of("code", "sh-lot2611a"));
            assertThat(plan).contains("IX_TRACE_EVENT_CODE_FOLDED: TRACE_CODE_FOLDED = UPPER(", "IX_TRACE_ALIAS_FOLDED: ALIAS_FOLDED = UPPER(",
                    "IX_TRACE_EVENT_CODE_TIME: TRACE_CODE = UPPER(").containsPattern("PRIMARY_KEY_\\w+: ALIAS = UPPER\\(");
            assertThat(plan).doesNotContainIgnoringCase("tableScan");
        } else {
            assertThat(plan(ds, TraceChainQuery.VARIANTS_POSTGRESQL, java.util.Map.of("code", "sh-lot2611a")))
                    .contains("ix_trace_event_code_folded", "ix_trace_alias_folded", "ix_trace_event_code_time", "pk_trace_alias")
                    .doesNotContain("Seq Scan");
        }
    }

    /**
     * Which codes of a piece of equipment have events and what they declare: the pairs by {@code trace_alias} led by the
     * code (V31), index-only, and the first event of each code — never every event of a cylinder filled thousands of
     * times, as the event rows' own identifier lists were read before.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void theSamePieceLookUpReadsTheAliasIndexAndOneEventOfEachCode(String vendor, DataSource ds) throws Exception {
        migrate(vendor, ds);
        String plan = plan(ds, TraceChainQuery.declaredSql(2), TraceChainQuery.declaredParams(List.of("31SH2019000123", "TS2231SH0456")));
        if (vendor.equals("h2")) {
            assertThat(plan).contains("IX_TRACE_ALIAS_CODE: TRACE_CODE IN(", "IX_TRACE_EVENT_CODE_TIME: TRACE_CODE = ?3",
                    "IX_TRACE_EVENT_CODE_TIME: TRACE_CODE = ?4").doesNotContainIgnoringCase("tableScan");
            assertThat(plan.split("FETCH FIRST ROW ONLY", -1)).as("a first row of each code's events").hasSize(3);
        } else {
            assertThat(plan).contains("Index Only Scan using ix_trace_alias_code on trace_alias")
                    .containsPattern("(?s)Limit.*ix_trace_event_code_time.*Limit.*ix_trace_event_code_time")
                    .doesNotContain("Seq Scan", "Aggregate", "Unique", "Sort");
        }
    }

    /**
     * The plan of a statement, on PostgreSQL with whole-table and bitmap reads forbidden: an empty table is read whole by
     * choice, and forbidding that shows whether an index could serve.
     */
    private static String plan(DataSource ds, String sql, java.util.Map<String, ?> params) throws java.sql.SQLException {
        try (java.sql.Connection connection = ds.getConnection()) {
            JdbcClient one = JdbcClient.create(new org.springframework.jdbc.datasource.SingleConnectionDataSource(connection, true));
            if (connection.getMetaData().getDatabaseProductName().equals("PostgreSQL")) {
                one.sql("SET enable_seqscan = off").update();
                one.sql("SET enable_bitmapscan = off").update();
            }
            return String.join("\n", one.sql("EXPLAIN " + sql).params(params).query(String.class).list());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void operatorsAndProductsFollowTheNewestEventAndPrivatePersonsAreNeverStored(String vendor, DataSource ds) {
        JdbcClient jdbc = migrate(vendor, ds);
        load(ds, PorkChain.events());
        OperatorRegistry operators = new OperatorRegistry(new JdbcTemplate(ds), CLOCK);

        assertThat(operators.count()).isEqualTo(4);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM operator WHERE name = ?").param(PorkChain.SHOPPER).query(Long.class).single()).isZero();
        assertThat(operators.find(ChainEvents.SUPERMARKET)).get().extracting(Operator::name, Operator::nodeType)
                .containsExactly("上海联华超市有限公司", "SUPERMARKET");

        // a business first known as a counterparty takes its own name once it reports
        TraceEventStore store = new TraceEventStore(new JdbcTemplate(ds), CLOCK);
        store.upsert(ChainEvents.meat("X1", Step.WHOLESALE, "2026-11-27T03:00:00+08:00")
                .counterparty("91310116052958608G", "枫泾农贸市场", NodeType.RETAIL_MARKET).build(), "b2", 1);
        assertThat(operators.find("91310116052958608G")).get().extracting(Operator::name, Operator::lastReportedAt)
                .containsExactly("枫泾农贸市场", null);
        store.upsert(ChainEvents.meat("X2", Step.RETAIL_ENTRY, "2026-11-27T06:00:00+08:00")
                .operator("91310116052958608G", "上海金山区枫泾镇农贸市场(南区)", NodeType.RETAIL_MARKET).build(), "b2", 1);
        // an older event loaded late changes nothing
        store.upsert(ChainEvents.meat("X3", Step.RETAIL_ENTRY, "2026-11-01T06:00:00+08:00")
                .operator("91310116052958608G", "枫泾老市场", NodeType.RETAIL_MARKET).product("010102", "后腿").build(), "b2", 1);
        assertThat(operators.find("91310116052958608G")).get().extracting(Operator::name)
                .isEqualTo("上海金山区枫泾镇农贸市场(南区)");
        assertThat(new ProductCatalog(new JdbcTemplate(ds), CLOCK).find("010102")).get().satisfies(p -> {
            assertThat(p.name()).isEqualTo("猪后腿肉");
            assertThat(p.category()).isEqualTo("MEAT");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aPageLoadedAtOnceEndsAsItsEventsLoadedOneByOneWould(String vendor, DataSource ds) {
        JdbcClient jdbc = migrate(vendor, ds);
        TraceEventStore store = new TraceEventStore(new JdbcTemplate(ds), CLOCK);
        String market = "91310116052958608G";
        TraceEvent stored = ChainEvents.meat("P0", Step.WHOLESALE, "2026-11-27T02:00:00+08:00").inputs("OLD").build();
        store.upsert(stored, "b6", 1);

        TraceEvent known = ChainEvents.meat("P0", Step.WHOLESALE, "2026-11-27T02:00:00+08:00").inputs("NEW1", "NEW2").row(9).build();
        TraceEvent asCounterparty = ChainEvents.meat("P1", Step.WHOLESALE, "2026-11-27T03:00:00+08:00")
                .counterparty(market, "枫泾农贸市场", NodeType.RETAIL_MARKET).inputs("P0").row(4).build();
        TraceEvent reporting = ChainEvents.meat("P2", Step.RETAIL_ENTRY, "2026-11-27T06:00:00+08:00")
                .operator(market, "枫泾镇农贸市场(南区)", NodeType.RETAIL_MARKET).product("010102", "后腿").row(5).build();
        TraceEvent older = ChainEvents.meat("P3", Step.RETAIL_ENTRY, "2026-11-01T06:00:00+08:00")
                .operator(market, "枫泾老市场", NodeType.RETAIL_MARKET).product("010102", "旧名").row(6).build();
        TraceEvent sameAgain = ChainEvents.meat("P1", Step.WHOLESALE, "2026-11-27T03:00:00+08:00")
                .counterparty(market, "枫泾农贸市场", NodeType.RETAIL_MARKET).inputs("P0").row(8).build();
        List<TraceEventStore.RepeatedRecord> repeated = store.upsertAll(java.util.stream.Stream.of(known, asCounterparty, reporting, older,
                sameAgain).map(e -> new TraceEventStore.LoadedEvent(e, org.tracehub.schemas.xml.StandardXml.toXml(e))).toList(), "b7", 1)
                .repeated();

        assertThat(repeated).as("row 8 replaced row 4 of the same file; P0 replaced another batch's event, which is no repeat")
                .containsExactly(new TraceEventStore.RepeatedRecord(8, 4));

        assertThat(jdbc.sql("SELECT trace_code, batch_id, row_no FROM trace_event ORDER BY trace_code")
                .query((rs, i) -> List.of(rs.getString(1), rs.getString(2), rs.getLong(3))).list())
                .as("the stored event moved to the new batch, the repeated one kept its last row")
                .containsExactly(List.of("P0", "b7", 9L), List.of("P1", "b7", 8L), List.of("P2", "b7", 5L), List.of("P3", "b7", 6L));
        assertThat(jdbc.sql("SELECT trace_code, input_code FROM trace_link ORDER BY trace_code, input_code")
                .query((rs, i) -> List.of(rs.getString(1), rs.getString(2))).list())
                .containsExactly(List.of("P0", "NEW1"), List.of("P0", "NEW2"), List.of("P1", "P0"));
        assertThat(new OperatorRegistry(new JdbcTemplate(ds), CLOCK).find(market)).get()
                .extracting(Operator::name, o -> o.lastReportedAt().toInstant())
                .as("known first as a counterparty, then named by its own newest event; the older one changes nothing")
                .containsExactly("枫泾镇农贸市场(南区)", Instant.parse("2026-11-26T22:00:00Z"));
        assertThat(new ProductCatalog(new JdbcTemplate(ds), CLOCK).find("010102")).get().extracting(p -> p.name()).isEqualTo("后腿");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void anEventLoadedAgainUnderACorrectedTraceCodeTakesItsOwnLinksAndNoOtherEventsAlong(String vendor, DataSource ds) {
        JdbcClient jdbc = migrate(vendor, ds);
        TraceEventStore store = new TraceEventStore(new JdbcTemplate(ds), CLOCK);
        TraceEvent mistyped = ChainEvents.meat("C1", Step.WHOLESALE, "2026-11-27T03:00:00+08:00").inputs("IN1").build();
        store.upsert(mistyped, "b8", 1);
        store.upsert(ChainEvents.meat("C1", Step.RETAIL_ENTRY, "2026-11-27T06:00:00+08:00").inputs("IN2").build(), "b8", 1);
        TraceEvent corrected = ChainEvents.meat("C2", Step.WHOLESALE, "2026-11-27T03:00:00+08:00").inputs("IN3").build();
        corrected.setEventId(mistyped.getEventId()); // the same row sent again with its trace code corrected

        store.upsert(corrected, "b9", 1);

        assertThat(jdbc.sql("SELECT trace_code, input_code FROM trace_link ORDER BY trace_code, input_code")
                .query((rs, i) -> List.of(rs.getString(1), rs.getString(2))).list())
                .as("links are keyed by trace code: the old code's link of this event goes, the other event's stays")
                .containsExactly(List.of("C1", "IN2"), List.of("C2", "IN3"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aRecordSentAgainUnderACorrectedTraceCodeIsFoundByItsRecordKeyAndReplaced(String vendor, DataSource ds) {
        JdbcClient jdbc = migrate(vendor, ds);
        TraceEventStore store = new TraceEventStore(new JdbcTemplate(ds), CLOCK);
        TraceEvent mistyped = ChainEvents.meat("K1", Step.WHOLESALE, "2026-11-27T03:00:00+08:00").inputs("IN1").build();
        store.upsertAll(List.of(keyed(mistyped, "XJ202611270000001")), "b10", 1);
        TraceEvent corrected = ChainEvents.meat("K2", Step.WHOLESALE, "2026-11-27T03:00:00+08:00").inputs("IN2").build();
        corrected.setEventId(mistyped.getEventId());

        store.upsertAll(List.of(keyed(corrected, "XJ202611270000001")), "b11", 1);

        assertThat(rows(jdbc, "SELECT trace_code, batch_id, record_key FROM trace_event"))
                .containsExactly(List.of("K2", "b11", "\u001fXJ202611270000001"));
        assertThat(rows(jdbc, "SELECT trace_code, input_code FROM trace_link")).containsExactly(List.of("K2", "IN2"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void anEventStoredBeforeRecordKeysIsReplacedByItsRecordSentAgainAfterTheUpgrade(String vendor, DataSource ds) {
        JdbcClient jdbc = migrateTo(vendor, ds, "8");
        TraceEvent before = ChainEvents.meat("U1", Step.WHOLESALE, "2026-11-27T03:00:00+08:00").inputs("IN1").build();
        jdbc.sql("INSERT INTO trace_event (event_id, trace_code, category, step, event_time, source_id, batch_id, attempt, row_no, "
                        + "payload, loaded_at) VALUES (?, 'U1', 'MEAT', 'WHOLESALE', ?, ?, 'b0', 1, 3, '<event/>', ?)")
                .params(before.getEventId(), java.time.OffsetDateTime.parse("2026-11-27T03:00:00+08:00"),
                        before.getProvenance().getSourceId(), java.time.OffsetDateTime.now(CLOCK))
                .update();
        jdbc.sql("INSERT INTO trace_link (event_id, trace_code, input_code) VALUES (?, 'U1', 'IN1')").param(before.getEventId()).update();
        upgrade(vendor, ds);
        assertThat(rows(jdbc, "SELECT record_key FROM trace_event"))
                .as("an event stored before V9 is keyed by its event id").containsExactly(List.of(before.getEventId()));

        TraceEventStore store = new TraceEventStore(new JdbcTemplate(ds), CLOCK);
        store.upsertAll(List.of(keyed(ChainEvents.meat("U1", Step.WHOLESALE, "2026-11-27T03:00:00+08:00").inputs("IN2").build(),
                "XJ202611270000003")), "b12", 1);

        assertThat(rows(jdbc, "SELECT event_id, batch_id, record_key FROM trace_event"))
                .containsExactly(List.of(before.getEventId(), "b12", "\u001fXJ202611270000003"));
        assertThat(rows(jdbc, "SELECT input_code FROM trace_link")).containsExactly(List.of("IN2"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void anEventStagedBeforeRecordKeysReplacesTheKeyedVersionOfItsRecord(String vendor, DataSource ds) {
        JdbcClient jdbc = migrate(vendor, ds);
        TraceEventStore store = new TraceEventStore(new JdbcTemplate(ds), CLOCK);
        TraceEvent event = ChainEvents.meat("S1", Step.WHOLESALE, "2026-11-27T03:00:00+08:00").inputs("IN1").build();
        store.upsertAll(List.of(keyed(event, "XJ202611270000005")), "b13", 1);

        // staged before V9: no record key; loaded after the keyed version of the same record
        TraceEvent stagedBefore = ChainEvents.meat("S1", Step.WHOLESALE, "2026-11-27T03:00:00+08:00").inputs("IN2").build();
        store.upsertAll(List.of(new TraceEventStore.LoadedEvent(stagedBefore, org.tracehub.schemas.xml.StandardXml.toXml(stagedBefore))),
                "b14", 1);

        assertThat(rows(jdbc, "SELECT batch_id, record_key FROM trace_event"))
                .as("one event for the record, not two").containsExactly(List.of("b14", event.getEventId()));
        assertThat(rows(jdbc, "SELECT input_code FROM trace_link")).containsExactly(List.of("IN2"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aRecordLoadedAgainKeepsTheLinksAndAliasesThatDidNotChangeWhereTheyAreAndReplacesTheOthers(String vendor, DataSource ds) {
        JdbcClient jdbc = migrate(vendor, ds);
        TraceEventStore store = new TraceEventStore(new JdbcTemplate(ds), CLOCK);
        TraceEvent lift = elevatorEvent("31103101012019050001", Step.MAINTAIN, "2026-10-02T09:00:00+08:00", "半月保养");
        TraceEvent lot = ChainEvents.meat("R1", Step.WHOLESALE, "2026-11-27T03:00:00+08:00").inputs("IN1", "IN2").row(2).build();
        TraceEvent sameCode = ChainEvents.meat("R1", Step.RETAIL_ENTRY, "2026-11-27T06:00:00+08:00").inputs("IN1").row(3).build();
        store.upsertAll(List.of(keyed(lift, "WB0001"), keyed(lot, "XJ0002"), keyed(sameCode, "XJ0003")), "b20", 1);
        String place = vendor.equals("h2") ? "_ROWID_" : "ctid::text";
        List<List<String>> aliasesBefore = rows(jdbc, "SELECT alias, " + place + " FROM trace_alias ORDER BY alias");
        List<List<String>> otherLinkBefore = rows(jdbc, "SELECT input_code, " + place + " FROM trace_link WHERE event_id = '"
                + sameCode.getEventId() + "'");

        // the batch reprocessed: the lift as before, the lot now made from IN2 and IN3
        TraceEvent corrected = ChainEvents.meat("R1", Step.WHOLESALE, "2026-11-27T03:00:00+08:00").inputs("IN2", "IN3").row(2).build();
        store.upsertAll(List.of(keyed(lift, "WB0001"), keyed(corrected, "XJ0002")), "b20", 2);

        assertThat(rows(jdbc, "SELECT alias, " + place + " FROM trace_alias ORDER BY alias"))
                .as("the lift's identifiers did not change: their rows were not written again").isEqualTo(aliasesBefore).hasSize(2);
        assertThat(rows(jdbc, "SELECT input_code, " + place + " FROM trace_link WHERE event_id = '" + sameCode.getEventId() + "'"))
                .as("another event under the same code is not touched").isEqualTo(otherLinkBefore);
        assertThat(rows(jdbc, "SELECT input_code FROM trace_link WHERE event_id = '" + lot.getEventId() + "' ORDER BY input_code"))
                .containsExactly(List.of("IN2"), List.of("IN3"));
        assertThat(rows(jdbc, "SELECT trace_code, attempt FROM trace_event WHERE batch_id = 'b20' ORDER BY row_no, trace_code"))
                .as("every event rewritten; the one the second attempt did not send waits for the load's removal of attempt 1")
                .containsExactly(List.of("R1", "2"), List.of("31103101012019050001", "2"), List.of("R1", "1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aRecordLoadedAgainIsUpdatedInItsRowNotDeletedAndInsertedAgain(String vendor, DataSource ds) {
        JdbcClient jdbc = migrate(vendor, ds);
        TraceEventStore store = new TraceEventStore(new JdbcTemplate(ds), CLOCK);
        TraceEvent lot = ChainEvents.meat("R1", Step.WHOLESALE, "2026-11-27T03:00:00+08:00").inputs("IN1").row(2).build();
        TraceEvent other = ChainEvents.meat("R2", Step.WHOLESALE, "2026-11-27T04:00:00+08:00").inputs("IN9").row(3).build();
        store.upsertAll(List.of(keyed(lot, "XJ0002"), keyed(other, "XJ0003")), "b30", 1);
        List<List<String>> placeBefore = vendor.equals("h2")
                ? rows(jdbc, "SELECT _ROWID_ FROM trace_event WHERE trace_code = 'R1'") : List.of();

        // a corrected file: the lot's time put right, and a record the first file did not have
        TraceEvent corrected = ChainEvents.meat("R1", Step.WHOLESALE, "2026-11-27T03:30:00+08:00").inputs("IN1").row(2).build();
        TraceEvent added = ChainEvents.meat("R3", Step.WHOLESALE, "2026-11-27T05:00:00+08:00").inputs("IN5").row(4).build();
        List<Long> writes = new TransactionTemplate(new DataSourceTransactionManager(ds)).execute(status -> {
            if (vendor.equals("h2")) {
                store.upsertAll(List.of(keyed(corrected, "XJ0002"), keyed(added, "XJ0004")), "b31", 1);
                return List.of();
            }
            // this transaction's own row counts: PostgreSQL 15 adds to them what the session's earlier transactions did
            // and has not yet reported (the connection is a pooled one), which the transaction's first read holds
            List<Long> before = rowWrites(jdbc);
            store.upsertAll(List.of(keyed(corrected, "XJ0002"), keyed(added, "XJ0004")), "b31", 1);
            List<Long> after = rowWrites(jdbc);
            return java.util.stream.IntStream.range(0, after.size()).mapToObj(i -> after.get(i) - before.get(i)).toList();
        });

        if (vendor.equals("h2")) {
            assertThat(rows(jdbc, "SELECT _ROWID_ FROM trace_event WHERE trace_code = 'R1'")).as("the same row").isEqualTo(placeBefore);
        } else {
            assertThat(writes).as("inserted, updated, deleted").containsExactly(1L, 1L, 0L);
        }
        assertThat(rows(jdbc, "SELECT trace_code, batch_id, event_id FROM trace_event ORDER BY trace_code")).containsExactly(
                List.of("R1", "b31", corrected.getEventId()), List.of("R2", "b30", other.getEventId()), List.of("R3", "b31", added.getEventId()));
        assertThat(jdbc.sql("SELECT event_time FROM trace_event WHERE trace_code = 'R1'").query(java.time.OffsetDateTime.class).single()
                .toInstant()).isEqualTo(corrected.getTime().toInstant());
    }


    /** Rows trace_event took in, updated and deleted in the transaction so far (PostgreSQL). */
    private static List<Long> rowWrites(JdbcClient jdbc) {
        return jdbc.sql("SELECT n_tup_ins, n_tup_upd, n_tup_del FROM pg_stat_xact_user_tables WHERE relname = 'trace_event'")
                .query((rs, i) -> List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3))).single();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aRecordTwiceInOneAttemptIsReportedOnItsLaterRowWhicheverPageItIsIn(String vendor, DataSource ds) {
        migrate(vendor, ds);
        TraceEventStore store = new TraceEventStore(new JdbcTemplate(ds), CLOCK);
        TraceEvent first = ChainEvents.meat("D1", Step.WHOLESALE, "2026-11-27T03:00:00+08:00").row(2).build();
        TraceEvent other = ChainEvents.meat("D2", Step.WHOLESALE, "2026-11-27T04:00:00+08:00").row(3).build();
        TraceEvent again = ChainEvents.meat("D1", Step.WHOLESALE, "2026-11-27T03:10:00+08:00").row(9).build();
        TraceEvent third = ChainEvents.meat("D1", Step.WHOLESALE, "2026-11-27T03:20:00+08:00").row(12).build();

        assertThat(store.upsertAll(List.of(keyed(first, "XJ0002"), keyed(other, "XJ0003")), "b40", 1).isEmpty()).isTrue();
        // a later page of the same attempt: the key again, twice
        assertThat(store.upsertAll(List.of(keyed(again, "XJ0002"), keyed(third, "XJ0002")), "b40", 1).repeated()).containsExactly(
                new TraceEventStore.RepeatedRecord(9, 2), new TraceEventStore.RepeatedRecord(12, 9));
        // a reprocess of the batch, and another batch sending the record again, replace an earlier load: no repeat
        assertThat(store.upsertAll(List.of(keyed(first, "XJ0002")), "b40", 2).isEmpty()).isTrue();
        assertThat(store.upsertAll(List.of(keyed(again, "XJ0002")), "b41", 1).isEmpty()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aRecordOfAnotherStepUnderTheSameKeyIsLeftAsAnotherBatchStoredItAndReturnedOnEveryRowOfThePage(String vendor,
                                                                                                       DataSource ds) {
        JdbcClient jdbc = migrate(vendor, ds);
        TraceEventStore store = new TraceEventStore(new JdbcTemplate(ds), CLOCK);
        TraceEvent harvest = ChainEvents.of(Category.VEGETABLE, "CMV1", Step.HARVEST, "2026-11-26T07:30:00+08:00").row(2).build();
        store.upsertAll(List.of(keyed(harvest, "CMV1")), "b50", 1);
        TraceEvent test = ChainEvents.of(Category.VEGETABLE, "CMV1", Step.TEST, "2026-11-26T10:00:00+08:00").row(2).build();
        TraceEvent testAgain = ChainEvents.of(Category.VEGETABLE, "CMV1", Step.TEST, "2026-11-26T10:10:00+08:00").row(4).build();

        TraceEventStore.PageResult result = store.upsertAll(List.of(keyed(test, "CMV1"), keyed(testAgain, "CMV1")), "b51", 1);

        assertThat(result.conflicts()).extracting(KeyConflict::row, KeyConflict::keyText, KeyConflict::step, KeyConflict::batchId,
                KeyConflict::otherRow, KeyConflict::otherStep).containsExactly(
                tuple(2L, "CMV1", "TEST", "b50", 2L, "HARVEST"), tuple(4L, "CMV1", "TEST", "b50", 2L, "HARVEST"));
        assertThat(result.repeated()).as("row 4 replaced nothing").isEmpty();
        assertThat(rows(jdbc, "SELECT step, batch_id FROM trace_event")).containsExactly(List.of("HARVEST", "b50"));
        // the same batch's own record under another step (its spec's step changed, then reprocessed) is replaced as before
        assertThat(store.upsertAll(List.of(keyed(test, "CMV1")), "b50", 2).conflicts()).isEmpty();
        assertThat(rows(jdbc, "SELECT step, batch_id FROM trace_event")).containsExactly(List.of("TEST", "b50"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aTraceCodeAnUnrelatedSourceUsesIsReportedUnlessThatSourcesOperatorIsTheRowsTradingPartnerOrTheCodeAnEquipments(
            String vendor, DataSource ds) {
        migrate(vendor, ds);
        TraceEventStore store = new TraceEventStore(new JdbcTemplate(ds), CLOCK);
        TraceEvent market = ChainEvents.meat("XJ1", Step.WHOLESALE, "2026-11-27T03:00:00+08:00").row(3).build();
        market.getProvenance().setSourceId("meat-wholesale-xj");
        TraceEvent lift = ChainEvents.of(Category.ELEVATOR, "31103101172015080001", Step.MAINTAIN, "2026-11-20T09:00:00+08:00")
                .operator(ChainEvents.MAINTAINER, "上海沪晟电梯工程有限公司", NodeType.MAINTAINER).row(4).build();
        lift.getProvenance().setSourceId("elevator-maint-husheng");
        store.upsertAll(List.of(keyed(market, "V1")), "b60", 1);
        store.upsertAll(List.of(keyed(lift, "M1")), "b61", 1);
        TraceEvent unrelated = ChainEvents.of(Category.VEGETABLE, "XJ1", Step.HARVEST, "2026-11-27T07:30:00+08:00")
                .operator(ChainEvents.FARM, "某农场", NodeType.FARM).row(5).build();
        TraceEvent soldToTheMarket = ChainEvents.of(Category.VEGETABLE, "XJ1", Step.HARVEST, "2026-11-27T07:40:00+08:00")
                .operator(ChainEvents.FARM, "某农场", NodeType.FARM).counterparty(ChainEvents.WHOLESALER, null, null).row(6).build();
        TraceEvent otherMaintainer = ChainEvents.of(Category.ELEVATOR, "31103101172015080001", Step.MAINTAIN,
                "2026-11-27T09:00:00+08:00").operator(ChainEvents.FARM, "另一维保单位", NodeType.MAINTAINER).row(7).build();

        TraceEventStore.PageResult result = store.upsertAll(List.of(keyed(unrelated, "H5"), keyed(soldToTheMarket, "H6"),
                keyed(otherMaintainer, "H7")), "b62", 1);

        assertThat(result.shared()).containsExactly(new SharedTraceCode(5, "XJ1", "meat-wholesale-xj"));
        assertThat(result.conflicts()).isEmpty();
    }

    /**
     * A filling station's file sent again with the start time typed 07:05 where the first had 7:05 (and the time read in
     * another offset): the key is the cells' text, so the row is a second event of the filling, and said so. The same
     * key replaces as before; another quantity or counterparty at the same code and time is another record.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aRowWithTheContentOfAnotherBatchsRecordUnderAKeySpelledOtherwiseIsLoadedAndReturnedNamingBothKeys(String vendor,
                                                                                                         DataSource ds) {
        JdbcClient jdbc = migrate(vendor, ds);
        TraceEventStore store = new TraceEventStore(new JdbcTemplate(ds), CLOCK);
        store.upsertAll(List.of(
                filling("C1", "2026-11-26T07:05:00+08:00", "14.5", "老王面馆", 2, "7:05"),
                filling("C2", "2026-11-26T07:12:00+08:00", "14.6", "老王面馆", 3, "7:12"),
                filling("C4", "2026-11-26T08:00:00+08:00", "10", "老王面馆", 4, "8:00"),
                filling("C5", "2026-11-26T09:00:00+08:00", "10", "老王面馆", 5, "9:00")), "b80", 1);

        TraceEventStore.PageResult result = store.upsertAll(List.of(
                filling("C1", "2026-11-25T23:05:00Z", "14.50", "老王面馆", 2, "07:05"),
                filling("C2", "2026-11-26T07:12:00+08:00", "14.6", "老王面馆", 3, "7:12"),
                filling("C4", "2026-11-26T08:00:00+08:00", "11", "老王面馆", 4, "08:00"),
                filling("C5", "2026-11-26T09:00:00+08:00", "10", "小李餐厅", 5, "09:00")), "b81", 1);

        assertThat(result.spelledOtherwise()).singleElement().satisfies(s -> {
            assertThat(List.of(s.row(), s.otherBatchId(), s.otherRow())).containsExactly(2L, "b80", 2L);
            assertThat(s.parts()).containsExactly("C1", "2026/11/26", "07:05");
            assertThat(s.otherParts()).containsExactly("C1", "2026/11/26", "7:05");
        });
        assertThat(jdbc.sql("SELECT COUNT(*) FROM trace_event WHERE trace_code = 'C1'").query(Long.class).single())
                .as("loaded: the row is never dropped").isEqualTo(2L);
        // the batch reprocessed: the other batch's record still stands beside it; its own earlier attempt is no other record
        assertThat(store.upsertAll(List.of(filling("C1", "2026-11-26T07:05:00+08:00", "14.5", "老王面馆", 2, "07:05")), "b81", 2)
                .spelledOtherwise()).extracting(RecordKeySpelling::otherBatchId).containsExactly("b80");
        assertThat(store.upsertAll(List.of(filling("C1", "2026-11-26T07:05:00+08:00", "14.5", "老王面馆", 2, "7:05:00")), "b80", 2)
                .spelledOtherwise()).extracting(RecordKeySpelling::otherBatchId).as("only b81's version, not b80's own").containsExactly("b81");
    }

    /** A cylinder filling keyed as the filling station's spec keys it: cylinder, date and start time as typed. */
    private static TraceEventStore.LoadedEvent filling(String cylinder, String time, String kg, String customer, int row,
                                                       String startTime) {
        TraceEvent e = ChainEvents.of(Category.GAS_CYLINDER, cylinder, Step.FILL, time)
                .operator(ChainEvents.MAINTAINER, "上海浦燃液化气充装有限公司", NodeType.FILLING_STATION)
                .counterparty(null, customer, null).quantity(kg, "KGM").row(row).build();
        List<String> key = List.of(cylinder, "2026/11/26", startTime);
        e.setEventId(org.tracehub.schemas.event.EventIds.of(e.getProvenance().getSourceId(), key));
        return new TraceEventStore.LoadedEvent(e, org.tracehub.schemas.xml.StandardXml.toXml(e),
                org.tracehub.schemas.event.EventIds.recordKey(e.getProvenance().getSourceId(), key));
    }

    /**
     * A lot passes slaughterhouse → wholesale market → supermarket, each reporting through a source of its own: the
     * supermarket names only its supplier, the market, yet the slaughterhouse's events on the code are the same chain.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aTraceCodeWhoseTradingPartnerReportedItIsNotReportedForTheSourcesFurtherUpTheChain(String vendor, DataSource ds) {
        migrate(vendor, ds);
        TraceEventStore store = new TraceEventStore(new JdbcTemplate(ds), CLOCK);
        TraceEvent slaughter = ChainEvents.meat("XJ2", Step.SLAUGHTER, "2026-11-27T01:00:00+08:00")
                .operator(ChainEvents.SLAUGHTERHOUSE, "上海某肉联厂", NodeType.SLAUGHTERHOUSE)
                .counterparty(ChainEvents.WHOLESALER, null, null).row(2).build();
        slaughter.getProvenance().setSourceId("meat-slaughter");
        TraceEvent market = ChainEvents.meat("XJ2", Step.WHOLESALE, "2026-11-27T03:00:00+08:00").row(3).build();
        market.getProvenance().setSourceId("meat-wholesale-xj");
        store.upsertAll(List.of(keyed(slaughter, "S2")), "b70", 1);
        store.upsertAll(List.of(keyed(market, "W3")), "b71", 1);
        TraceEvent shelf = ChainEvents.meat("XJ2", Step.RETAIL_ENTRY, "2026-11-27T08:00:00+08:00")
                .operator(ChainEvents.SUPERMARKET, "某超市", NodeType.SUPERMARKET)
                .counterparty(ChainEvents.WHOLESALER, null, null).row(4).build();
        TraceEvent elsewhere = ChainEvents.meat("XJ2", Step.RETAIL_ENTRY, "2026-11-27T08:30:00+08:00")
                .operator(ChainEvents.SUPERMARKET, "某超市", NodeType.SUPERMARKET).row(5).build();

        TraceEventStore.PageResult result = store.upsertAll(List.of(keyed(shelf, "R4"), keyed(elsewhere, "R5")), "b72", 1);

        assertThat(result.shared()).extracting(SharedTraceCode::row, SharedTraceCode::otherSource)
                .as("only the row naming no one who reported the code").containsExactly(tuple(5L, "meat-slaughter"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void anOlderBatchLoadedAgainLeavesTheRecordsANewerBatchCorrectedAsTheNewerOneStoredThem(String vendor, DataSource ds) {
        JdbcClient jdbc = migrate(vendor, ds);
        TraceEventStore store = new TraceEventStore(new JdbcTemplate(ds), CLOCK);
        String older = "20261127-00000000a1";
        String newer = "20261127-00000000a2";
        batchReceived(jdbc, older, "2026-11-27T08:00:00+08:00");
        batchReceived(jdbc, newer, "2026-11-27T09:00:00+08:00");
        TraceEvent sent = ChainEvents.meat("N1", Step.WHOLESALE, "2026-11-27T03:00:00+08:00").inputs("IN1").row(2).build();
        TraceEvent other = ChainEvents.meat("N2", Step.WHOLESALE, "2026-11-27T04:00:00+08:00").inputs("IN9").row(3).build();
        store.upsertAll(List.of(keyed(sent, "XJ0002"), keyed(other, "XJ0003")), older, 1);
        // the market's corrected file: the record's time and input put right
        TraceEvent corrected = ChainEvents.meat("N1", Step.WHOLESALE, "2026-11-27T03:30:00+08:00").inputs("IN2").row(5).build();
        assertThat(store.upsertAll(List.of(keyed(corrected, "XJ0002")), newer, 1).isEmpty()).isTrue();

        // the older file reprocessed (or retried, or loaded by a later night): it must not undo the correction
        TraceEventStore.PageResult result = store.upsertAll(List.of(keyed(sent, "XJ0002"), keyed(other, "XJ0003")), older, 2);

        assertThat(result.superseded()).containsExactly(new TraceEventStore.SupersededRecord(2, newer, 5));
        assertThat(result.repeated()).isEmpty();
        assertThat(rows(jdbc, "SELECT trace_code, batch_id, attempt, row_no FROM trace_event ORDER BY trace_code")).containsExactly(
                List.of("N1", newer, "1", "5"), List.of("N2", older, "2", "3"));
        assertThat(rows(jdbc, "SELECT trace_code, input_code FROM trace_link ORDER BY trace_code"))
                .as("the newer version's links stay with it").containsExactly(List.of("N1", "IN2"), List.of("N2", "IN9"));
        assertThat(jdbc.sql("SELECT event_time FROM trace_event WHERE trace_code = 'N1'").query(java.time.OffsetDateTime.class).single()
                .toInstant()).isEqualTo(corrected.getTime().toInstant());
        assertThat(store.removeEventsOfAttempt(older, 1).count()).as("nothing of attempt 1 is left to remove").isZero();
        assertThat(rows(jdbc, "SELECT trace_code FROM trace_event ORDER BY trace_code")).containsExactly(List.of("N1"), List.of("N2"));

        // the newer batch reprocessed replaces its own version, as any reprocess does
        assertThat(store.upsertAll(List.of(keyed(corrected, "XJ0002")), newer, 2).isEmpty()).isTrue();
        assertThat(rows(jdbc, "SELECT batch_id, attempt FROM trace_event WHERE trace_code = 'N1'")).containsExactly(List.of(newer, "2"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aRecordAnotherBatchReplacedRemembersTheReplacedBatchAndRowAndItsRemovalReturnsThem(String vendor, DataSource ds) {
        JdbcClient jdbc = migrate(vendor, ds);
        TraceEventStore store = new TraceEventStore(new JdbcTemplate(ds), CLOCK);
        String monday = "20261123-00000000c1";
        String tuesday = "20261124-00000000c2";
        batchReceived(jdbc, monday, "2026-11-23T08:00:00+08:00");
        batchReceived(jdbc, tuesday, "2026-11-24T08:00:00+08:00");
        TraceEvent onMonday = ChainEvents.meat("R1", Step.WHOLESALE, "2026-11-22T03:00:00+08:00").row(7).build();
        TraceEvent onlyMonday = ChainEvents.meat("R2", Step.WHOLESALE, "2026-11-22T04:00:00+08:00").row(8).build();
        store.upsertAll(List.of(keyed(onMonday, "XJ0007"), keyed(onlyMonday, "XJ0008")), monday, 1);
        // Tuesday's cumulative export sends the record again, on another row; and a record of its own
        TraceEvent onTuesday = ChainEvents.meat("R1", Step.WHOLESALE, "2026-11-22T03:00:00+08:00").row(4).build();
        TraceEvent onlyTuesday = ChainEvents.meat("R3", Step.WHOLESALE, "2026-11-23T04:00:00+08:00").row(5).build();
        store.upsertAll(List.of(keyed(onTuesday, "XJ0007"), keyed(onlyTuesday, "XJ0009")), tuesday, 1);

        assertThat(rows(jdbc, "SELECT trace_code, batch_id, row_no, replaced_batch_id, replaced_row FROM trace_event ORDER BY trace_code"))
                .as("the update names the other batch's version it replaced; an insert replaced nothing").containsExactly(
                        List.of("R1", tuesday, "4", monday, "7"), Arrays.asList("R2", monday, "8", null, null),
                        Arrays.asList("R3", tuesday, "5", null, null));

        // Tuesday reprocessed: its attempt 2 updates its own version, which still stands for Monday's row
        store.upsertAll(List.of(keyed(onTuesday, "XJ0007"), keyed(onlyTuesday, "XJ0009")), tuesday, 2);
        assertThat(rows(jdbc, "SELECT attempt, replaced_batch_id, replaced_row FROM trace_event WHERE trace_code = 'R1'"))
                .as("a reprocess of the replacing batch keeps the pointer").containsExactly(List.of("2", monday, "7"));
        // and reprocessed again with a spec that rejects the record: attempt 3 stores R3 alone
        store.upsertAll(List.of(keyed(onlyTuesday, "XJ0009")), tuesday, 3);

        TraceEventStore.RemovedEvents removed = store.removeEventsOfAttempt(tuesday, 2);

        assertThat(removed.count()).isEqualTo(1);
        assertThat(removed.lost()).containsExactly(new TraceEventStore.LostVersion(4,
                org.tracehub.schemas.event.EventIds.recordKey(onTuesday.getProvenance().getSourceId(), List.of("XJ0007")), "R1", monday, 7));
        assertThat(rows(jdbc, "SELECT trace_code FROM trace_event ORDER BY trace_code"))
                .as("the store keeps one version per record: Monday's is gone too").containsExactly(List.of("R2"), List.of("R3"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void anOlderBatchsRowWhoseVersionANewerBatchsReprocessRemovedIsListedForItUntilTheRecordIsStoredAgain(String vendor, DataSource ds) {
        JdbcClient jdbc = migrate(vendor, ds);
        TraceEventStore store = new TraceEventStore(new JdbcTemplate(ds), CLOCK);
        LostVersions lostVersions = new LostVersions(jdbc);
        String monday = "20261123-00000000d1";
        String tuesday = "20261124-00000000d2";
        batchReceived(jdbc, monday, "2026-11-23T08:00:00+08:00");
        batchReceived(jdbc, tuesday, "2026-11-24T08:00:00+08:00");
        jdbc.sql("UPDATE batch SET loaded_attempt = 1 WHERE id = ?").param(monday).update();
        TraceEvent onMonday = ChainEvents.meat("L1", Step.WHOLESALE, "2026-11-22T03:00:00+08:00").row(7).build();
        TraceEvent onTuesday = ChainEvents.meat("L1", Step.WHOLESALE, "2026-11-22T03:00:00+08:00").row(4).build();
        TraceEvent onlyTuesday = ChainEvents.meat("L3", Step.WHOLESALE, "2026-11-23T04:00:00+08:00").row(5).build();
        store.upsertAll(List.of(keyed(onMonday, "XJ0007")), monday, 1);
        store.upsertAll(List.of(keyed(onTuesday, "XJ0007"), keyed(onlyTuesday, "XJ0009")), tuesday, 1);
        assertThat(lostVersions.count(monday)).as("replaced by a newer version is no loss").isZero();

        // Tuesday reprocessed with a spec that rejects the record
        store.upsertAll(List.of(keyed(onlyTuesday, "XJ0009")), tuesday, 2);
        store.removeEventsOfAttempt(tuesday, 1);

        assertThat(lostVersions.count(monday)).isEqualTo(1);
        LostVersions.LostRow lost = lostVersions.of(monday, 10).get(0);
        assertThat(List.of(lost.row(), lost.traceCode(), lost.removedByBatch(), lost.removedByRowText(), lost.removedAt().toInstant()))
                .containsExactly(7L, "L1", tuesday, "第4行", CLOCK.instant());
        assertThat(lostVersions.count(tuesday)).isZero();

        jdbc.sql("UPDATE batch SET loaded_attempt = 2 WHERE id = ?").param(monday).update();
        assertThat(lostVersions.count(monday)).as("a later attempt of Monday loaded decides its rows afresh").isZero();
        jdbc.sql("UPDATE batch SET loaded_attempt = 1 WHERE id = ?").param(monday).update();

        // Monday reprocessed, as the notice asks: its version is back in the store
        store.upsertAll(List.of(keyed(onMonday, "XJ0007")), monday, 2);
        assertThat(lostVersions.count(monday)).isZero();
        assertThat(lostVersions.of(monday, 10)).isEmpty();
    }

    /** A batch row with only what the store's ordering reads: its id and when it was received. */
    private static void batchReceived(JdbcClient jdbc, String id, String receivedAt) {
        java.time.OffsetDateTime at = java.time.OffsetDateTime.parse(receivedAt);
        jdbc.sql("INSERT INTO batch (id, source_id, file_name, stored_name, archive_path, size_bytes, sha256, transport, received_at, "
                        + "status, updated_at) VALUES (?, 'meat-wholesale-xj', 'f.csv', 'f.csv', 'archive/f.csv', 1, ?, 'SFTP', ?, 'LOADED', ?)")
                .params(id, "0".repeat(64), at, at).update();
    }

    private static TraceEventStore.LoadedEvent keyed(TraceEvent e, String voucherNo) {
        return new TraceEventStore.LoadedEvent(e, org.tracehub.schemas.xml.StandardXml.toXml(e),
                org.tracehub.schemas.event.EventIds.recordKey(e.getProvenance().getSourceId(), List.of(voucherNo)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void reprocessingRemovesTheOldAttemptsLinksAndAliasesWithItsEvents(String vendor, DataSource ds) {
        JdbcClient jdbc = migrate(vendor, ds);
        TraceEventStore store = new TraceEventStore(new JdbcTemplate(ds), CLOCK);
        store.upsert(elevatorEvent("EQ1", Step.MAINTAIN, "2026-10-02T09:00:00+08:00", "半月保养"), "b3", 1);
        store.upsert(ChainEvents.meat("M1", Step.WHOLESALE, "2026-11-27T03:00:00+08:00").inputs("M0").build(), "b3", 1);
        store.upsert(ChainEvents.meat("M2", Step.WHOLESALE, "2026-11-27T04:00:00+08:00").inputs("M0").build(), "b3", 2);

        assertThat(store.removeEventsOfAttempt("b3", 1).count()).isEqualTo(2);

        assertThat(jdbc.sql("SELECT COUNT(*) FROM trace_alias").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT trace_code FROM trace_link").query(String.class).list()).containsExactly("M2");
        assertThat(store.eventIdsByBatch("b3")).as("the newer attempt's event stays").hasSize(1);
        assertThat(new TraceChainQuery(jdbc).chain("96333-0417", 10).notFound()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aBatchsLotsAreItsLoadedTraceCodesInFileOrder(String vendor, DataSource ds) {
        JdbcClient jdbc = migrate(vendor, ds);
        TraceEventStore store = new TraceEventStore(new JdbcTemplate(ds), CLOCK);
        store.upsert(ChainEvents.meat("L2", Step.WHOLESALE, "2026-11-27T03:00:00+08:00").product("010101", "白条猪").row(4).build(), "b4", 1);
        store.upsert(ChainEvents.meat("L1", Step.WHOLESALE, "2026-11-27T03:05:00+08:00").product("020101", "牛肉").row(3).build(), "b4", 1);
        store.upsert(ChainEvents.meat("L2", Step.RETAIL_ENTRY, "2026-11-27T05:00:00+08:00").product("010101", "白条猪").row(7).build(), "b4", 1);
        store.upsert(ChainEvents.meat("OTHER", Step.WHOLESALE, "2026-11-27T03:00:00+08:00").build(), "b5", 1);

        assertThat(new BatchLotQuery(jdbc).lotsOf("b4")).containsExactly(
                new BatchLotQuery.Lot("L1", "牛肉", "MEAT"), new BatchLotQuery.Lot("L2", "白条猪", "MEAT"));
    }

    private static TraceEvent lift(String code, String registrationCode, Step step, String time) {
        return ChainEvents.of(Category.ELEVATOR, code, step, time)
                .operator(ChainEvents.MAINTAINER, "上海三菱电梯有限公司", NodeType.MAINTAINER)
                .elevator(code, registrationCode, "96333-0417", "半月保养", LocalDate.of(2027, 6, 15)).build();
    }

    private static TraceEvent elevatorEvent(String code, Step step, String time, String type) {
        return ChainEvents.of(Category.ELEVATOR, code, step, time)
                .operator(ChainEvents.MAINTAINER, "上海三菱电梯有限公司", NodeType.MAINTAINER)
                .elevator(code, "31003101122019050033", "96333-0417", type, LocalDate.of(2027, 6, 15))
                .certificate(CertificateType.INSPECTION, "DT2026-0615-0042").build();
    }
}
