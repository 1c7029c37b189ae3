package org.tracehub.routes.pull;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Collections;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tracehub.platform.sql.InsertIfAbsent;
import org.tracehub.platform.testing.BothDatabases;

/**
 * A pull's warning in the {@code pull_state} table (V21, its kind V26) on H2 and PostgreSQL: what a restarted hub, or
 * another node, reads of it.
 */
class PullWarningStoreOnBothDatabasesTest extends BothDatabases {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T18:31:07Z"), ZoneId.of("Asia/Shanghai"));
    private static final String SOURCE = "meat-wholesale-xj";

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aWarningOfFilesNotFetchedIsStillOneOfFilesNotFetchedAfterARestart(String vendor, DataSource ds) {
        JdbcClient jdbc = migrate(vendor, ds);
        OffsetDateTime at = OffsetDateTime.now(CLOCK);
        String why = "交易明细_20261128.csv 一直在变化，未拉取，仍留在原服务器上";
        new PullStatusStore(jdbc, new InsertIfAbsent(ds), CLOCK).warned(SOURCE, new PullWarning(PullWarning.Kind.NOT_FETCHED, at, 1, why));

        // a restarted hub's store
        PullStatusStore restarted = new PullStatusStore(jdbc, new InsertIfAbsent(ds), CLOCK);
        PullWarning warning = restarted.warning(SOURCE).orElseThrow();
        assertThat(warning.kind()).isEqualTo(PullWarning.Kind.NOT_FETCHED);
        assertThat(warning.at().toInstant()).isEqualTo(at.toInstant());
        assertThat(warning.filesLeft()).isEqualTo(1);
        assertThat(warning.message()).isEqualTo(why);

        // a later run leaves a file taken in on the server: the warning is that one's, of its kind
        restarted.warned(SOURCE, new PullWarning(PullWarning.Kind.LEFT_AFTER_FETCH, at.plusDays(1), 2, "could not be moved"));
        assertThat(restarted.warning(SOURCE)).get().extracting(PullWarning::kind).isEqualTo(PullWarning.Kind.LEFT_AFTER_FETCH);

        restarted.warningCleared(SOURCE);
        assertThat(restarted.warning(SOURCE)).isEmpty();
        assertThat(rows(jdbc, "SELECT warning_kind FROM pull_state WHERE source_id = '" + SOURCE + "'"))
                .as("cleared with the rest of the warning").containsExactly(Collections.singletonList(null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aWarningStoredBeforeWarningsHadAKindReadsAsFilesLeftAfterTheirFetch(String vendor, DataSource ds) {
        // as a hub before V26 left it: a file taken in whose move the legacy server refused, the only kind there was
        JdbcClient jdbc = migrateTo(vendor, ds, "25");
        OffsetDateTime at = OffsetDateTime.now(CLOCK);
        jdbc.sql("INSERT INTO pull_state (source_id, consecutive_failures, last_fetched, warning_at, warning_files, warning_message) "
                + "VALUES (?, 0, 2, ?, 2, ?)").params(SOURCE, at, "交易明细_20261128.csv could not be moved to done/").update();
        upgrade(vendor, ds);

        PullWarning warning = new PullStatusStore(jdbc, new InsertIfAbsent(ds), CLOCK).warning(SOURCE).orElseThrow();
        assertThat(warning.kind()).isEqualTo(PullWarning.Kind.LEFT_AFTER_FETCH);
        assertThat(warning.filesLeft()).isEqualTo(2);
        assertThat(warning.message()).isEqualTo("交易明细_20261128.csv could not be moved to done/");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void filesNotFetchedDoNotHideAStandingWarningOfFilesTakenInAndLeftOnTheServer(String vendor, DataSource ds) {
        JdbcClient jdbc = migrate(vendor, ds);
        OffsetDateTime at = OffsetDateTime.now(CLOCK);
        PullStatusStore store = new PullStatusStore(jdbc, new InsertIfAbsent(ds), CLOCK);
        store.warned(SOURCE, new PullWarning(PullWarning.Kind.LEFT_AFTER_FETCH, at, 1, "交易明细_20261127.csv could not be moved to done/"));

        // the night's last follow-up still found another file too new
        store.warned(SOURCE, new PullWarning(PullWarning.Kind.NOT_FETCHED, at.plusMinutes(5), 1, "交易明细_20261128.csv 修改时间太近，未拉取"));
        // and the next night's as well
        store.warned(SOURCE, new PullWarning(PullWarning.Kind.NOT_FETCHED, at.plusDays(1), 1, "交易明细_20261129.csv 一直在变化，未拉取"));

        PullWarning warning = store.warning(SOURCE).orElseThrow();
        assertThat(warning.kind()).as("the file an admin must move by hand is still said").isEqualTo(PullWarning.Kind.LEFT_AFTER_FETCH);
        assertThat(warning.filesLeft()).isEqualTo(1);
        assertThat(warning.at().toInstant()).isEqualTo(at.toInstant());
        assertThat(warning.message()).isEqualTo("交易明细_20261127.csv could not be moved to done/" + PullStatusStore.NOT_FETCHED_TOO
                + "交易明细_20261129.csv 一直在变化，未拉取");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aRunThatLeavesNothingClearsWhatTheWarningSaysOfFilesNotFetchedButNotOfFilesLeftOnTheServer(String vendor, DataSource ds) {
        JdbcClient jdbc = migrate(vendor, ds);
        OffsetDateTime at = OffsetDateTime.now(CLOCK);
        PullStatusStore store = new PullStatusStore(jdbc, new InsertIfAbsent(ds), CLOCK);
        store.warned(SOURCE, new PullWarning(PullWarning.Kind.NOT_FETCHED, at, 1, "交易明细_20261128.csv 修改时间太近，未拉取"));

        store.notFetchedWarningCleared(SOURCE);
        assertThat(store.warning(SOURCE)).isEmpty();

        store.warned(SOURCE, new PullWarning(PullWarning.Kind.LEFT_AFTER_FETCH, at, 1, "交易明细_20261127.csv could not be moved to done/"));
        store.warned(SOURCE, new PullWarning(PullWarning.Kind.NOT_FETCHED, at.plusMinutes(5), 1, "交易明细_20261128.csv 修改时间太近，未拉取"));

        store.notFetchedWarningCleared(SOURCE);
        PullWarning warning = store.warning(SOURCE).orElseThrow();
        assertThat(warning.kind()).as("an admin must still move it by hand").isEqualTo(PullWarning.Kind.LEFT_AFTER_FETCH);
        assertThat(warning.filesLeft()).isEqualTo(1);
        assertThat(warning.message()).as("the file not fetched no longer said").isEqualTo("交易明细_20261127.csv could not be moved to done/");
    }
}
