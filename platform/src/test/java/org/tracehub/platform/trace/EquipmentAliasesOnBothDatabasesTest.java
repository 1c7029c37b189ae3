package org.tracehub.platform.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tracehub.platform.testing.BothDatabases;
import org.tracehub.schemas.standard.v1.Category;
import org.tracehub.schemas.standard.v1.NodeType;
import org.tracehub.schemas.standard.v1.Step;
import org.tracehub.schemas.standard.v1.TraceEvent;

/**
 * An equipment's other identifiers are kept once per piece of equipment (V11), and stay exactly as long as some
 * stored event of it declares them — on H2 and on a real PostgreSQL.
 */
class EquipmentAliasesOnBothDatabasesTest extends BothDatabases {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T00:00:00Z"), ZoneId.of("Asia/Shanghai"));
    private static final String LIFT = "31103101012019050001";
    private static final String REGISTRATION = "31003101122019050033";
    private static final String EMERGENCY = "96333-0417";

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aLiftMaintainedEveryHalfMonthHasItsIdentifiersStoredOnce(String vendor, DataSource ds) {
        JdbcClient jdbc = migrate(vendor, ds);
        TraceEventStore store = new TraceEventStore(new JdbcTemplate(ds), CLOCK);

        store.upsertAll(List.of(
                loaded(maintenance(LIFT, EMERGENCY, "2026-10-02T09:00:00+08:00")),
                loaded(maintenance(LIFT, EMERGENCY, "2026-10-17T09:00:00+08:00"))), "b1", 1);
        store.upsertAll(List.of(loaded(maintenance(LIFT, EMERGENCY, "2026-11-01T09:00:00+08:00"))), "b2", 1);

        assertThat(pairs(jdbc)).containsExactly(List.of(REGISTRATION, LIFT), List.of(EMERGENCY, LIFT));
        assertThat(rows(jdbc, "SELECT DISTINCT aliases FROM trace_event"))
                .as("each event keeps what it declares").containsExactly(List.of(REGISTRATION + "\t" + EMERGENCY));
        assertThat(new TraceChainQuery(jdbc).chain(EMERGENCY, 10).events()).hasSize(3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void removingAnAttemptKeepsTheIdentifiersTheEquipmentsOtherEventsStillDeclare(String vendor, DataSource ds) {
        JdbcClient jdbc = migrate(vendor, ds);
        TraceEventStore store = new TraceEventStore(new JdbcTemplate(ds), CLOCK);
        store.upsertAll(List.of(loaded(maintenance(LIFT, EMERGENCY, "2026-10-02T09:00:00+08:00"))), "b1", 1);
        store.upsertAll(List.of(loaded(maintenance(LIFT, EMERGENCY, "2026-10-17T09:00:00+08:00"))), "b2", 1);

        assertThat(store.removeEventsOfAttempt("b1", 1).count()).isEqualTo(1);
        assertThat(pairs(jdbc)).as("b2's maintenance still declares both").hasSize(2);
        assertThat(new TraceChainQuery(jdbc).chain(EMERGENCY, 10).events()).hasSize(1);

        assertThat(store.removeEventsOfAttempt("b2", 1).count()).isEqualTo(1);
        assertThat(pairs(jdbc)).as("no event of the lift is left").isEmpty();
        assertThat(new TraceChainQuery(jdbc).chain(EMERGENCY, 10).notFound()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aCorrected96333CodeReplacesTheOldOneOnlyWhenNoOtherEventStillNamesIt(String vendor, DataSource ds) {
        JdbcClient jdbc = migrate(vendor, ds);
        TraceEventStore store = new TraceEventStore(new JdbcTemplate(ds), CLOCK);
        TraceEvent october = maintenance(LIFT, EMERGENCY, "2026-10-02T09:00:00+08:00");
        TraceEvent november = maintenance(LIFT, EMERGENCY, "2026-11-01T09:00:00+08:00");
        store.upsertAll(List.of(loaded(october), loaded(november)), "b1", 1);

        // the November record sent again: the lift's 96333 sign was renumbered
        TraceEvent renumbered = maintenance(LIFT, "96333-9001", "2026-11-01T09:00:00+08:00");
        renumbered.setEventId(november.getEventId());
        store.upsertAll(List.of(loaded(renumbered)), "b2", 1);
        assertThat(pairs(jdbc)).as("October's record still names the old code")
                .containsExactly(List.of(REGISTRATION, LIFT), List.of(EMERGENCY, LIFT), List.of("96333-9001", LIFT));

        // and October's too
        TraceEvent octoberRenumbered = maintenance(LIFT, "96333-9001", "2026-10-02T09:00:00+08:00");
        octoberRenumbered.setEventId(october.getEventId());
        store.upsertAll(List.of(loaded(octoberRenumbered)), "b3", 1);
        assertThat(pairs(jdbc)).as("no event names the old code any more")
                .containsExactly(List.of(REGISTRATION, LIFT), List.of("96333-9001", LIFT));
        assertThat(new TraceChainQuery(jdbc).chain(EMERGENCY, 10).notFound()).isTrue();
        assertThat(new TraceChainQuery(jdbc).chain("96333-9001", 10).events()).hasSize(2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void anEventLoadedAgainUnderACorrectedTraceCodeTakesItsIdentifiersToTheNewCode(String vendor, DataSource ds) {
        JdbcClient jdbc = migrate(vendor, ds);
        TraceEventStore store = new TraceEventStore(new JdbcTemplate(ds), CLOCK);
        TraceEvent mistyped = maintenance("31103101012019050009", EMERGENCY, "2026-10-02T09:00:00+08:00");
        store.upsertAll(List.of(loaded(mistyped)), "b1", 1);

        TraceEvent corrected = maintenance(LIFT, EMERGENCY, "2026-10-02T09:00:00+08:00");
        corrected.setEventId(mistyped.getEventId());
        store.upsertAll(List.of(loaded(corrected)), "b2", 1);

        assertThat(pairs(jdbc)).containsExactly(List.of(REGISTRATION, LIFT), List.of(EMERGENCY, LIFT));
        assertThat(new TraceChainQuery(jdbc).chain(EMERGENCY, 10).events()).extracting(ChainEvent::traceCode).containsExactly(LIFT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void upgradingFoldsTheEventsAliasRowsIntoOnePairEachAndKeepsWhatEveryEventDeclares(String vendor, DataSource ds) {
        JdbcClient jdbc = migrateTo(vendor, ds, "10");
        List<String> ids = List.of("a".repeat(32), "b".repeat(32), "c".repeat(32));
        for (int i = 0; i < ids.size(); i++) {
            jdbc.sql("INSERT INTO trace_event (event_id, source_id, record_key, trace_code, category, step, event_time, batch_id, attempt, "
                            + "row_no, payload, loaded_at) VALUES (?, 'elevator-maint-husheng', ?, ?, 'ELEVATOR', 'MAINTAIN', ?, 'b0', 1, ?, "
                            + "'<event/>', ?)")
                    .params(ids.get(i), ids.get(i), i < 2 ? LIFT : "XJ1", OffsetDateTime.parse("2026-10-02T09:00:00+08:00").plusDays(i),
                            i + 3, OffsetDateTime.now(CLOCK))
                    .update();
        }
        // before V11: a row per event and identifier; the third event declares none
        for (String id : ids.subList(0, 2)) {
            for (String alias : List.of(EMERGENCY, REGISTRATION)) {
                jdbc.sql("INSERT INTO trace_alias (event_id, alias, trace_code) VALUES (?, ?, ?)").params(id, alias, LIFT).update();
            }
        }

        upgrade(vendor, ds);

        assertThat(pairs(jdbc)).containsExactly(List.of(REGISTRATION, LIFT), List.of(EMERGENCY, LIFT));
        assertThat(rows(jdbc, "SELECT event_id, aliases FROM trace_event ORDER BY event_id")).containsExactly(
                List.of(ids.get(0), REGISTRATION + "\t" + EMERGENCY), List.of(ids.get(1), REGISTRATION + "\t" + EMERGENCY),
                Arrays.asList(ids.get(2), null));
        TraceEventStore store = new TraceEventStore(new JdbcTemplate(ds), CLOCK);
        assertThat(new TraceChainQuery(jdbc).chain(EMERGENCY, 10).events()).hasSize(2);
        assertThat(store.removeEventsOfAttempt("b0", 1).count()).isEqualTo(3);
        assertThat(pairs(jdbc)).as("the folded pairs go with the last event that declared them").isEmpty();
    }

    private static TraceEvent maintenance(String equipment, String emergency, String time) {
        return ChainEvents.of(Category.ELEVATOR, equipment, Step.MAINTAIN, time)
                .operator(ChainEvents.MAINTAINER, "上海三菱电梯有限公司", NodeType.MAINTAINER)
                .elevator(equipment, REGISTRATION, emergency, "半月保养", LocalDate.of(2027, 6, 15)).build();
    }

    private static TraceEventStore.LoadedEvent loaded(TraceEvent e) {
        return new TraceEventStore.LoadedEvent(e, org.tracehub.schemas.xml.StandardXml.toXml(e));
    }

    /** The alias table, in the order of its key. */
    private static List<List<String>> pairs(JdbcClient jdbc) {
        return rows(jdbc, "SELECT alias, trace_code FROM trace_alias ORDER BY alias, trace_code");
    }


}
