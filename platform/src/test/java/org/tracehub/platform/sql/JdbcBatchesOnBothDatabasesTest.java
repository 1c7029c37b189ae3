package org.tracehub.platform.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tracehub.platform.testing.BothDatabases;

class JdbcBatchesOnBothDatabasesTest extends BothDatabases {

    private static final List<String> COLUMNS = List.of("uscc", "name", "node_code", "node_type", "last_reported_at", "updated_at");
    private static final OffsetDateTime REPORTED = OffsetDateTime.parse("2026-11-28T06:30:00+08:00");

    static Stream<Arguments> databasesAndRewrittenBatches() {
        return Stream.concat(databases(), Stream.of(Arguments.of("postgresql", postgresWithBatchesRewritten())));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("databasesAndRewrittenBatches")
    void everyRowGoesInWithItsValuesAndNullsAcrossSeveralBatches(String vendor, DataSource ds) {
        JdbcClient jdbc = migrate(vendor, ds);
        int count = 2 * JdbcBatches.BATCH_ROWS + 345;
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(new Object[] {String.format("91310000%010d", i), "上海市第" + i + "号经营者", i % 2 == 0 ? null : "N" + i,
                    "RETAIL", i % 3 == 0 ? null : REPORTED.plusMinutes(i), REPORTED});
        }

        JdbcBatches.insert(new JdbcTemplate(ds), "operator", COLUMNS, rows);

        assertThat(jdbc.sql("SELECT COUNT(*) FROM operator").query(Long.class).single()).isEqualTo(count);
        assertThat(jdbc.sql("SELECT name, node_code, last_reported_at FROM operator WHERE uscc = ?").param("913100000000002003")
                .query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class).toInstant()))
                .single())
                .containsExactly("上海市第2003号经营者", "N2003", REPORTED.plusMinutes(2003).toInstant());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM operator WHERE uscc = ? AND node_code IS NULL AND last_reported_at IS NULL")
                .param("913100000000002334").query(Long.class).single())
                .as("the last batch's nulls").isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aRowOfTheWrongWidthIsRefusedBeforeAnyRowGoesIn(String vendor, DataSource ds) {
        JdbcClient jdbc = migrate(vendor, ds);
        List<Object[]> rows = List.of(
                new Object[] {"913100000000000001", "甲", null, "RETAIL", null, REPORTED},
                new Object[] {"913100000000000002", "乙", null, "RETAIL", REPORTED});

        assertThatThrownBy(() -> JdbcBatches.insert(new JdbcTemplate(ds), "operator", COLUMNS, rows))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("operator: 5 values for 6 columns");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM operator").query(Long.class).single()).isZero();
    }
}
