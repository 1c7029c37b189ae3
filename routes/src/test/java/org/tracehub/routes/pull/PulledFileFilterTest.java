package org.tracehub.routes.pull;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.apache.camel.component.file.GenericFile;
import org.junit.jupiter.api.Test;

class PulledFileFilterTest {

    private static final Instant NOW = Instant.parse("2026-11-27T18:30:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneId.of("Asia/Shanghai"));

    @Test
    void takesMatchingNamesThatAreNotStillBeingWritten() {
        PulledFileFilter filter = new PulledFileFilter(List.of("交易明细_*.csv"), Duration.ZERO, CLOCK);

        assertThat(filter.accept(file("交易明细_20261127.csv", NOW.minusSeconds(5)))).isTrue();
        assertThat(filter.accept(file("交易明细_20261127.csv.part", NOW.minusSeconds(3600)))).isFalse();
        assertThat(filter.accept(file("销售明细_20261127.csv", NOW.minusSeconds(3600)))).isFalse();
    }

    @Test
    void neverFetchesANameAWriterIsStillWritingEvenWhenTheGlobWouldMatchIt() {
        PulledFileFilter filter = new PulledFileFilter(List.of("交易明细_*"), Duration.ZERO, CLOCK);

        assertThat(filter.accept(file("交易明细_20261127.csv.filepart", NOW.minusSeconds(3600)))).as("WinSCP").isFalse();
        assertThat(filter.accept(file("交易明细_20261127.csv.partial", NOW.minusSeconds(3600)))).isFalse();
        assertThat(filter.accept(file("交易明细_20261127.csv.tmp", NOW.minusSeconds(3600)))).isFalse();
        assertThat(filter.accept(file("交易明细_20261127.csv", NOW.minusSeconds(3600)))).isTrue();
    }

    @Test
    void leavesAFileThatChangedWithinTheMinimumAgeForTheNextPull() {
        PulledFileFilter filter = new PulledFileFilter(List.of("*.csv"), Duration.ofMinutes(1), CLOCK);

        // an export written under its final name, still growing when the pull lists the folder
        assertThat(filter.accept(file("a.csv", NOW.minusSeconds(30)))).isFalse();
        assertThat(filter.accept(file("a.csv", NOW.plusSeconds(20)))).as("the server's clock a little ahead").isFalse();
        assertThat(filter.accept(file("a.csv", NOW.minusSeconds(61)))).isTrue();
        assertThat(filter.accept(file("a.csv", Instant.EPOCH))).as("a server that reports no time").isTrue();
    }

    private static GenericFile<Object> file(String name, Instant modified) {
        GenericFile<Object> file = new GenericFile<>();
        file.setFileNameOnly(name);
        file.setFileName(name);
        file.setLastModified(modified.toEpochMilli());
        return file;
    }
}
