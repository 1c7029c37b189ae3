package org.tracehub.routes.pull;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.component.file.GenericFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.tracehub.mappings.catalog.SpecCatalog;
import org.tracehub.mappings.catalog.SpecFolderWatcher;
import org.tracehub.mappings.spec.MappingSpec;
import org.tracehub.platform.testing.LoggedEvents;

class PulledFileFilterTest {

    private static final Instant NOW = Instant.parse("2026-11-27T18:30:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneId.of("Asia/Shanghai"));

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void captureLog() {
        log.start();
        filterLogger().addAppender(log);
    }

    @AfterEach
    void releaseLog() {
        filterLogger().detachAppender(log);
    }

    @Test
    void takesMatchingNamesThatAreNotStillBeingWritten() {
        PulledFileFilter filter = new PulledFileFilter("legacy", List.of("交易明细_*.csv"), Duration.ZERO, CLOCK);

        assertThat(filter.accept(file("交易明细_20261127.csv", NOW.minusSeconds(5)))).isTrue();
        assertThat(filter.accept(file("交易明细_20261127.CSV", NOW.minusSeconds(5)))).as("a Windows export's extension").isTrue();
        assertThat(filter.accept(file("交易明细_20261127.csv.part", NOW.minusSeconds(3600)))).isFalse();
        assertThat(filter.accept(file("销售明细_20261127.csv", NOW.minusSeconds(3600)))).isFalse();
    }

    @Test
    void aPullWithoutAPatternFetchesByTheSpecAsTheCatalogHasItWhenEachRunBegins(@TempDir Path specs) throws Exception {
        String spec = new String(SpecCatalog.class.getClassLoader().getResourceAsStream("sources/meat-wholesale-xj.yaml")
                .readAllBytes(), StandardCharsets.UTF_8);
        Files.writeString(specs.resolve("meat-wholesale-xj.yaml"), spec.replace("交易明细_*.csv", "交易明细-*.csv"),
                StandardCharsets.UTF_8);
        SpecFolderWatcher watcher = new SpecFolderWatcher(SpecCatalog.builtIn(), specs, report -> { });
        watcher.refresh();
        SpecCatalog catalog = watcher.catalog();
        PulledFileFilter filter = new PulledFileFilter("meat-wholesale-xj",
                () -> catalog.source("meat-wholesale-xj").map(MappingSpec::acceptedPatterns).orElse(List.of()), Duration.ZERO, CLOCK,
                StandardCharsets.UTF_8, "legacy:22", PulledFileFilter.Observer.NONE);

        filter.refresh();
        assertThat(filter.accept(file("交易明细_20261127.csv", NOW.minusSeconds(5)))).isFalse();

        // the admin fixes the spec's match; the hub reloads it, and the next run fetches by it, without a restart
        Files.writeString(specs.resolve("meat-wholesale-xj.yaml"), spec, StandardCharsets.UTF_8);
        watcher.refresh();
        filter.refresh();
        assertThat(filter.accept(file("交易明细_20261127.csv", NOW.minusSeconds(5)))).isTrue();
    }

    @Test
    void aRunOfASourceWithoutASpecOrPatternFailsSayingSo() {
        SpecCatalog catalog = SpecCatalog.of(List.of());
        PulledFileFilter filter = new PulledFileFilter("dairy-x",
                () -> catalog.source("dairy-x").map(MappingSpec::acceptedPatterns).orElse(List.of()), Duration.ZERO, CLOCK,
                StandardCharsets.UTF_8, "legacy:22", PulledFileFilter.Observer.NONE);

        assertThatThrownBy(filter::refresh).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no pattern, and the source has no usable mapping spec");
    }

    @Test
    void neverFetchesANameAWriterIsStillWritingEvenWhenTheGlobWouldMatchIt() {
        PulledFileFilter filter = new PulledFileFilter("legacy", List.of("交易明细_*"), Duration.ZERO, CLOCK);

        assertThat(filter.accept(file("交易明细_20261127.csv.filepart", NOW.minusSeconds(3600)))).as("WinSCP").isFalse();
        assertThat(filter.accept(file("交易明细_20261127.csv.partial", NOW.minusSeconds(3600)))).isFalse();
        assertThat(filter.accept(file("交易明细_20261127.csv.tmp", NOW.minusSeconds(3600)))).isFalse();
        assertThat(filter.accept(file("交易明细_20261127.csv", NOW.minusSeconds(3600)))).isTrue();
    }

    @Test
    void leavesAFileThatChangedWithinTheMinimumAgeForTheNextPull() {
        PulledFileFilter filter = new PulledFileFilter("legacy", List.of("*.csv"), Duration.ofMinutes(1), CLOCK);

        // an export written under its final name, still growing when the pull lists the folder
        assertThat(filter.accept(file("a.csv", NOW.minusSeconds(30)))).isFalse();
        assertThat(filter.accept(file("a.csv", NOW.plusSeconds(20)))).as("the server's clock a little ahead").isFalse();
        assertThat(filter.accept(file("a.csv", NOW.minusSeconds(61)))).isTrue();
        assertThat(filter.accept(file("a.csv", Instant.EPOCH))).as("a server that reports no time").isTrue();
    }

    @Test
    void aFileStampedFurtherAheadThanClocksDifferIsNotHeldBackForItsAgeAndAFileLeftTooNewIsToldWithWhenItIsOldEnough() {
        List<String> told = new ArrayList<>();
        PulledFileFilter filter = new PulledFileFilter("legacy", List.of("*.csv"), Duration.ofMinutes(1), CLOCK,
                StandardCharsets.UTF_8, "10.20.0.15:22", new PulledFileFilter.Observer() {
                    @Override
                    public void tooNew(String name, Instant oldEnoughAt) {
                        told.add(name + " old enough at " + oldEnoughAt);
                    }

                    @Override
                    public void stampedAhead(String server, String name, Duration ahead) {
                        told.add(name + " stamped " + ahead + " ahead by " + server);
                    }
                });

        // a server whose clock runs ten minutes fast: its age says nothing, the settle check tells whether it is complete
        assertThat(filter.accept(file("fast.csv", NOW.plus(Duration.ofMinutes(10))))).isTrue();
        // within what clocks differ by: still counted as changed just now
        assertThat(filter.accept(file("late.csv", NOW.plusSeconds(20)))).isFalse();
        assertThat(filter.accept(file("old.csv", NOW.minusSeconds(61)))).isTrue();

        assertThat(told).containsExactly("fast.csv stamped PT10M ahead by 10.20.0.15:22",
                "late.csv old enough at " + NOW.plusSeconds(80));
    }

    @Test
    void aNameTheServerSentInAnotherEncodingIsWarnedAboutOnceADayNamingTheSettingThatReadsIt() {
        MovingClock clock = new MovingClock(NOW);
        PulledFileFilter filter = new PulledFileFilter("legacy", List.of("交易明细_*.csv"), Duration.ZERO, clock);
        // the name as a GBK server sends it, read as UTF-8 as the sftp client reads every name
        String garbled = new String("交易明细_20261127.csv".getBytes(Charset.forName("GBK")), StandardCharsets.UTF_8);
        assertThat(garbled).contains("\uFFFD").endsWith("_20261127.csv");

        for (int poll = 0; poll < 3; poll++) {
            assertThat(filter.accept(file(garbled, NOW.minusSeconds(3600)))).isFalse();
        }
        assertThat(messages(Level.WARN)).as("once, not at every poll").containsExactly("pull of legacy: the remote name " + garbled
                + " is not UTF-8 (U+FFFD stands for bytes the sftp client could not read): the legacy server sends file names in "
                + "another encoding, such as GBK. Such a file is skipped when it matches none of the source's file names, and "
                + "cannot be downloaded under its name when it does: set hub.pull.sources.legacy.filename-encoding to the "
                + "server's encoding (GBK on most Chinese Windows servers)");
        assertThat(messages(Level.INFO)).as("not also as a name matching nothing").isEmpty();

        clock.set(NOW.plus(Duration.ofDays(1)));
        filter.accept(file(garbled, NOW.minusSeconds(3600)));
        assertThat(messages(Level.WARN)).as("again the next day").hasSize(2);
    }

    @Test
    void aNameMatchingNoPatternIsSaidOnceADayButNotAPartialUploadOrAFolder() {
        PulledFileFilter filter = new PulledFileFilter("legacy", List.of("交易明细_*.csv"), Duration.ZERO, CLOCK);

        for (int poll = 0; poll < 3; poll++) {
            filter.accept(file("交易明细-20261127.csv", NOW.minusSeconds(3600)));
            filter.accept(file("交易明细_20261127.csv.part", NOW.minusSeconds(3600)));
            filter.accept(file("交易明细_20261127.csv", NOW.minusSeconds(3600)));
        }
        GenericFile<Object> done = file("done", NOW.minusSeconds(3600));
        done.setDirectory(true);
        filter.accept(done);

        assertThat(messages(Level.INFO)).containsExactly(
                "pull of legacy: 交易明细-20261127.csv matches none of the source's file names [交易明细_*.csv]; left on the legacy server");
        assertThat(messages(Level.WARN)).isEmpty();
    }

    @Test
    void aFolderOfMoreUnmatchedNamesThanItRemembersSaysEachOnceADayAndTheRestNotAtAll() {
        PulledFileFilter filter = new PulledFileFilter("legacy", List.of("交易明细_*.csv"), Duration.ZERO, CLOCK);
        int names = PulledFileFilter.MAX_NAMES_SAID + 5;

        for (int poll = 0; poll < 2; poll++) {
            for (int n = 0; n < names; n++) {
                filter.accept(file("其他-" + n + ".csv", NOW.minusSeconds(3600)));
            }
        }

        // every poll of such a folder saying every name again would bury the log
        assertThat(messages(Level.INFO)).hasSize(PulledFileFilter.MAX_NAMES_SAID);
    }

    private List<String> messages(Level level) {
        return LoggedEvents.of(log).stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static Logger filterLogger() {
        return (Logger) LoggerFactory.getLogger(PulledFileFilter.class);
    }

    /** The hub's clock, moved on by the test. */
    private static final class MovingClock extends Clock {

        private volatile Instant now;

        MovingClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return CLOCK.getZone();
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static GenericFile<Object> file(String name, Instant modified) {
        GenericFile<Object> file = new GenericFile<>();
        file.setFileNameOnly(name);
        file.setFileName(name);
        file.setLastModified(modified.toEpochMilli());
        return file;
    }
}
