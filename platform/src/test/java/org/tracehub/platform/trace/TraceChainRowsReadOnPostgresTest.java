package org.tracehub.platform.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tracehub.platform.testing.BothDatabases;
import org.tracehub.schemas.standard.v1.Category;
import org.tracehub.schemas.standard.v1.NodeType;
import org.tracehub.schemas.standard.v1.Step;
import org.tracehub.schemas.standard.v1.TraceEvent;
import org.tracehub.schemas.xml.StandardXml;

/**
 * What the consumer page's statements read on PostgreSQL for a cylinder filled thousands of times and joined to its
 * certificate: every statement of the scan, as the server ran it ({@link #executedOnPostgres}), reads about the cap's
 * worth of events in each step, never the cylinder's whole history.
 */
class TraceChainRowsReadOnPostgresTest extends BothDatabases {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T00:00:00Z"), ZoneId.of("Asia/Shanghai"));
    private static final String CYLINDER = "31SH2019000123";
    private static final String CERTIFICATE = "TS2231SH0456";
    private static final int FILLINGS = 5_000;
    /** A cylinder a filling station files with a lower-case letter, as some legacy codes are. */
    private static final String LOWER_CASE_CYLINDER = "31sh2019000456";
    private static final int LOWER_CASE_FILLINGS = 1_000;
    private static final String DELIVERY = "RT2611280001";
    private static final int OTHER_LOTS = 10;

    private static DataSource ds;

    /** Once for the class: the statements only read, and storing the history takes most of the class's time. */
    @BeforeAll
    static void storeACylinderFilledThousandsOfTimesAndItsCertificatesInspection() {
        ds = postgres();
        migrate("postgresql", ds);
        TraceEventStore store = new TraceEventStore(new JdbcTemplate(ds), CLOCK);
        OffsetDateTime first = OffsetDateTime.parse("2021-11-01T08:00:00+08:00");
        List<TraceEventStore.LoadedEvent> fillings = IntStream.range(0, FILLINGS)
                .mapToObj(i -> loaded(ChainEvents.of(Category.GAS_CYLINDER, CYLINDER, Step.FILL, first.plusHours(7L * i).toString())
                        .operator(ChainEvents.MAINTAINER, "上海燃气充装站", NodeType.FILLING_STATION).gasCylinder(CYLINDER, CERTIFICATE)
                        .build()))
                .toList();
        for (int from = 0; from < FILLINGS; from += 500) {
            store.upsertAll(fillings.subList(from, from + 500), "20261128-00000000d1", 1);
        }
        List<TraceEventStore.LoadedEvent> lowerCase = IntStream.range(0, LOWER_CASE_FILLINGS)
                .mapToObj(i -> loaded(ChainEvents.of(Category.GAS_CYLINDER, LOWER_CASE_CYLINDER, Step.FILL,
                                first.plusHours(7L * i).toString())
                        .operator(ChainEvents.MAINTAINER, "上海燃气充装站", NodeType.FILLING_STATION)
                        .gasCylinder(LOWER_CASE_CYLINDER, "TS2231SH0789").build()))
                .toList();
        for (int from = 0; from < LOWER_CASE_FILLINGS; from += 500) {
            store.upsertAll(lowerCase.subList(from, from + 500), "20261128-00000000d3", 1);
        }
        // a delivery of the cylinder and ten other lots: a level of eleven codes, wider than the statement's branches
        for (int i = 0; i < OTHER_LOTS; i++) {
            store.upsert(ChainEvents.meat(String.format("WH261128%04d", i), Step.WHOLESALE, "2026-11-27T02:10:00+08:00").build(),
                    String.format("20261128-0000000e%02d", i), 1);
        }
        store.upsert(ChainEvents.meat(DELIVERY, Step.RETAIL_ENTRY, "2026-11-28T06:00:00+08:00")
                .inputs(java.util.stream.Stream.concat(java.util.stream.Stream.of(CYLINDER),
                        IntStream.range(0, OTHER_LOTS).mapToObj(i -> String.format("WH261128%04d", i))).toArray(String[]::new))
                .build(), "20261128-00000000d5", 1);
        store.upsert(ChainEvents.of(Category.GAS_CYLINDER, CERTIFICATE, Step.INSPECT, "2026-11-20T10:00:00+08:00")
                .operator(ChainEvents.MAINTAINER, "上海市特种设备监督检验技术研究院", NodeType.MAINTAINER)
                .gasCylinder(CYLINDER, CERTIFICATE).build(), "20261128-00000000d2", 1);
        JdbcClient.create(ds).sql("ANALYZE").update();
    }

    private static TraceEventStore.LoadedEvent loaded(TraceEvent event) {
        return new TraceEventStore.LoadedEvent(event, StandardXml.toXml(event));
    }

    @Test
    void aScanOfACylinderJoinedToItsCertificateReadsNoMoreThanTwiceTheCapInAnyStep() throws Exception {
        Executed<TraceChain> scan = executedOnPostgres(ds, false,
                session -> new TraceChainQuery(JdbcClient.create(session)).chain(CYLINDER, TraceChainQuery.DEFAULT_MAX_DEPTH));

        assertThat(scan.result().own()).as("the newest fillings and the inspection, up to the cap").hasSize(TraceChainQuery.MAX_EVENTS)
                .extracting(ChainEvent::traceCode).contains(CYLINDER, CERTIFICATE);
        assertThat(scan.rowsRead()).as(scan.plans()).isNotEmpty()
                .allSatisfy(rows -> assertThat(rows).isLessThanOrEqualTo(2L * (TraceChainQuery.MAX_EVENTS + 1)));
    }

    @Test
    void aCodeTypedInLowerCaseNamesItsStoredFormFromOneEntryNotFromEveryEventOfIt() throws Exception {
        Executed<List<String>> spellings = executedOnPostgres(ds, false,
                session -> new TraceChainQuery(JdbcClient.create(session)).storedSpellings(CYLINDER.toLowerCase()));

        assertThat(spellings.result()).containsExactly(CYLINDER);
        assertThat(spellings.rowsRead()).as(spellings.plans()).isNotEmpty()
                .allSatisfy(rows -> assertThat(rows).isLessThanOrEqualTo(TraceChainQuery.MAX_CHOICES + 1L));
    }

    /**
     * A code stored with a lower-case letter, typed in upper case: the folded branch read an index entry per event of it
     * (1,000 here, 5,000 for a cylinder's fillings) to name one spelling; it now reads one entry per spelling.
     */
    @Test
    void aCodeStoredWithALowerCaseLetterIsNamedFromOneEntryPerSpellingNotFromEveryEventOfIt() throws Exception {
        Executed<List<String>> spellings = executedOnPostgres(ds, false,
                session -> new TraceChainQuery(JdbcClient.create(session)).storedSpellings(LOWER_CASE_CYLINDER.toUpperCase()));

        assertThat(spellings.result()).containsExactly(LOWER_CASE_CYLINDER);
        assertThat(spellings.rowsRead()).as(spellings.plans()).isNotEmpty()
                .allSatisfy(rows -> assertThat(rows).isLessThanOrEqualTo(TraceChainQuery.MAX_CHOICES + 1L));
    }

    /**
     * A level of more codes than the statement branches for (the cylinder and ten lots a delivery came from): the IN list
     * read every event of every code (the cylinder's 5,000) to keep the newest; the LATERAL form reads at most the level's
     * limit of each code.
     */
    @Test
    void aLevelWiderThanTheBranchesReadsAtMostTheLimitOfEachCode() throws Exception {
        Executed<TraceChain> scan = executedOnPostgres(ds, false,
                session -> new TraceChainQuery(JdbcClient.create(session)).chain(DELIVERY, TraceChainQuery.DEFAULT_MAX_DEPTH));

        assertThat(scan.result().events()).extracting(ChainEvent::traceCode).contains(CYLINDER, "WH2611280000", "WH2611280009");
        assertThat(scan.rowsRead()).as(scan.plans()).isNotEmpty()
                .allSatisfy(rows -> assertThat(rows).isLessThanOrEqualTo(TraceChainQuery.MAX_EVENTS + OTHER_LOTS + 1L));
    }
}
