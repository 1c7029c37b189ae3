package org.tracehub.platform.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The load's key lookups go through the primary key's {@code IN} list on H2. With the key's columns the
 * other way round, H2 used only the source and scanned every event of it for each page: the hub's load
 * became quadratic (574 rows/s at 100,000 rows instead of thousands). A plan, not a timing, so it cannot flake.
 */
class TraceEventStoreQueryPlanTest {

    /** H2's plan comment: the index used (the primary key, H2-named) and the conditions it looks up. */
    private static final String KEY_LOOKUP = "/\\* PUBLIC\\.PRIMARY_KEY_\\w+: RECORD_KEY IN\\(\\?2, \\?3\\)\\s+AND SOURCE_ID = \\?1\\s+\\*/";

    private JdbcClient jdbc;

    @BeforeEach
    void migrate() {
        DriverManagerDataSource ds = new DriverManagerDataSource("jdbc:h2:mem:plan-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration/common", "classpath:db/migration/h2").load().migrate();
        jdbc = JdbcClient.create(ds);
    }

    @Test
    void findingAPagesStoredEventsLooksEachKeyUpInThePrimaryKey() {
        assertThat(plan(TraceEventStore.FIND_BY_KEYS)).containsPattern(KEY_LOOKUP);
    }

    @Test
    void removingThemLooksEachKeyUpInThePrimaryKey() {
        assertThat(plan(TraceEventStore.DELETE_BY_KEYS)).containsPattern(KEY_LOOKUP);
    }

    @Test
    void readingTheLinksOfStoredEventsLooksEachCodeUpInThePrimaryKey() {
        assertThat(codesPlan(EventLinks.SELECT_BY_CODES)).containsPattern("/\\* PUBLIC\\.PRIMARY_KEY_\\w+: TRACE_CODE IN\\(\\?1, \\?2\\)\\s+\\*/");
    }

    @Test
    void checkingWhetherAnAliasPairIsHeldLooksEachAliasUpInThePrimaryKey() {
        String plan = jdbc.sql("EXPLAIN " + EquipmentAliases.HELD).param("aliases", List.of("96333-0417", "96333-0418"))
                .query(String.class).single().replace('\n', ' ');
        assertThat(plan).containsPattern("/\\* PUBLIC\\.PRIMARY_KEY_\\w+: ALIAS IN\\(\\?1, \\?2\\)\\s+\\*/");
    }

    @Test
    void findingWhatAnEquipmentsRemainingEventsDeclareLooksEachCodeUpInItsHistory() {
        assertThat(codesPlan(EquipmentAliases.DECLARED))
                .containsPattern("/\\* PUBLIC\\.IX_TRACE_EVENT_CODE_TIME: TRACE_CODE IN\\(\\?1, \\?2\\)\\s+\\*/");
    }

    @Test
    void findingWhichOtherSourcesUseAPagesTraceCodesLooksEachCodeUpInTheTraceQuerysIndex() {
        String plan = jdbc.sql("EXPLAIN " + SharedTraceCodes.OTHER_SOURCES).param("codes", List.of("XJ1", "XJ2"))
                .param("source", "meat-wholesale-xj").query(String.class).single().replace('\n', ' ');
        assertThat(plan).containsPattern("/\\* PUBLIC\\.IX_TRACE_EVENT_CODE_TIME: TRACE_CODE IN\\(\\?1, \\?2\\)\\s+\\*/");
    }

    /**
     * A row's content repeated under another key is looked for by its (code, time) pair in the trace query's index: a
     * cylinder filled thousands of times is one probe a row, not its whole history.
     */
    @Test
    void findingAPagesRowsStoredUnderAnotherKeyLooksEachCodeAndTimeUpInTheTraceQuerysIndex() {
        java.time.OffsetDateTime at = java.time.OffsetDateTime.parse("2026-11-26T07:05:00+08:00");
        String plan = jdbc.sql("EXPLAIN " + RecordKeySpellings.SAME_CODE_AND_TIME)
                .param("codeTimes", List.of(new Object[] {"C1", at}, new Object[] {"C2", at.plusMinutes(7)}))
                .param("source", "gascyl-fill-pudong").param("batch", "b1").query(String.class).single().replace('\n', ' ');
        assertThat(plan).containsPattern("/\\* PUBLIC\\.IX_TRACE_EVENT_CODE_TIME:\\s+IN\\(ROW \\(\\?1, \\?2\\), ROW \\(\\?3, \\?4\\)\\)\\s+\\*/");
    }

    /**
     * A cylinder filled thousands of times: its declared identifiers are its pairs in {@code trace_alias} (V31's index,
     * led by the code), and whether it has events is the first entry of its history, not every filling's row.
     */
    @Test
    void findingWhichCodesOfAPieceOfEquipmentHaveEventsAndWhatTheyDeclareReadsTheirPairsAndOneEventEach() {
        String plan = jdbc.sql("EXPLAIN " + TraceChainQuery.declaredSql(2)).params(TraceChainQuery.declaredParams(List.of("XJ1", "XJ2")))
                .query(String.class).single().replace('\n', ' ');
        assertThat(plan).containsPattern("/\\* PUBLIC\\.IX_TRACE_ALIAS_CODE: TRACE_CODE IN\\(\\?1, \\?2\\)\\s+\\*/")
                .containsPattern("/\\* PUBLIC\\.IX_TRACE_EVENT_CODE_TIME: TRACE_CODE = \\?3\\s+\\*/ WHERE \"TRACE_CODE\" = \\?3 FETCH FIRST ROW ONLY")
                .containsPattern("/\\* PUBLIC\\.IX_TRACE_EVENT_CODE_TIME: TRACE_CODE = \\?4\\s+\\*/ WHERE \"TRACE_CODE\" = \\?4 FETCH FIRST ROW ONLY")
                .doesNotContainIgnoringCase("tableScan");
    }

    @Test
    void findingTheCodesThatDeclareAnIdentifierReadsThePrimaryKeyFromTheIdentifierOn() {
        String plan = jdbc.sql("EXPLAIN " + TraceChainQuery.DECLARERS).param("alias", "96333-0417")
                .query(String.class).single().replace('\n', ' ');
        assertThat(plan).containsPattern("/\\* PUBLIC\\.PRIMARY_KEY_\\w+: ALIAS = \\?1\\s+\\*/").doesNotContainIgnoringCase("tableScan");
    }

    @Test
    void listingABatchsLostRowsReadsItsOwnRowsAndLooksEachRecordUpInTheStoresPrimaryKey() {
        String plan = jdbc.sql("EXPLAIN " + LostVersions.LIST).param("batch", "20261127-0000000001").param("limit", 100)
                .query(String.class).single().replace('\n', ' ');
        assertThat(plan).containsPattern("\"LOST_VERSION\" \"L\"\\s+/\\* PUBLIC\\.PRIMARY_KEY_\\w+: BATCH_ID = \\?1\\s+\\*/")
                .containsPattern("\"TRACE_EVENT\" \"T\"\\s+/\\* PUBLIC\\.PRIMARY_KEY_\\w+: RECORD_KEY = L\\.RECORD_KEY\\s+AND SOURCE_ID = L\\.SOURCE_ID\\s+\\*/");
    }

    private String codesPlan(String sql) {
        return jdbc.sql("EXPLAIN " + sql).param("codes", List.of("XJ1", "XJ2")).query(String.class).single().replace('\n', ' ');
    }

    private String plan(String sql) {
        return jdbc.sql("EXPLAIN " + sql).param("source", "meat-wholesale-xj").param("keys", List.of("\u001fXJ1", "\u001fXJ2"))
                .query(String.class).single().replace('\n', ' ');
    }
}
