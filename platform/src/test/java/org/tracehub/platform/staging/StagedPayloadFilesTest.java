package org.tracehub.platform.staging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.tracehub.platform.storage.HubStorage;

class StagedPayloadFilesTest {

    private static final String BATCH = "20261130-0a1b2c3d4e";

    @TempDir
    Path dataDir;

    private static List<byte[]> utf8(String... payloads) {
        return Arrays.stream(payloads).map(p -> p.getBytes(StandardCharsets.UTF_8)).toList();
    }

    private StagedPayloadFiles files() {
        return new StagedPayloadFiles(new HubStorage(dataDir.toString()));
    }

    private interface FileChange {
        void apply(RandomAccessFile file) throws IOException;
    }

    /** Changes a staged file behind the hub's back, as a disk fault or a careless hand would. */
    private static void onDisk(Path file, FileChange change) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            change.apply(raf);
        }
    }

    @Test
    void eventsAppendedInChunksReadBackAsStagedWhateverTheirOrder() {
        StagedPayloadFiles files = files();
        List<StagedPayloadFiles.Slice> first = files.append(BATCH, 1, utf8("<e>猪肉 一</e>", "<e>two</e>"));
        List<StagedPayloadFiles.Slice> second = files.append(BATCH, 1, utf8("<e>三 𠀀</e>"));

        assertThat(second.get(0).offset()).isEqualTo(first.get(1).offset() + first.get(1).length());
        assertThat(files.read(BATCH, 1, List.of(first.get(0), first.get(1), second.get(0))))
                .containsExactly("<e>猪肉 一</e>", "<e>two</e>", "<e>三 𠀀</e>");
        assertThat(files.read(BATCH, 1, List.of(second.get(0), first.get(0)))).containsExactly("<e>三 𠀀</e>", "<e>猪肉 一</e>");
        assertThat(files.file(BATCH, 1)).isEqualTo(dataDir.resolve("staging").resolve(BATCH).resolve("1.xml"));
    }

    @Test
    void chunksNotForcedToTheDiskAreStagedAndReadAlike() {
        StagedPayloadFiles files = new StagedPayloadFiles(new HubStorage(dataDir.toString()), false);
        List<StagedPayloadFiles.Slice> first = files.append(BATCH, 1, utf8("<e>一</e>"));
        List<StagedPayloadFiles.Slice> second = files.append(BATCH, 1, utf8("<e>二</e>"));

        assertThat(files.read(BATCH, 1, List.of(first.get(0), second.get(0)))).containsExactly("<e>一</e>", "<e>二</e>");
    }

    @Test
    void aRetriedChunkAppendsAgainAndLeavesTheBytesOfItsFirstTryInPlace() throws IOException {
        StagedPayloadFiles files = files();
        List<StagedPayloadFiles.Slice> firstTry = files.append(BATCH, 1, utf8("<e>a</e>"));
        List<StagedPayloadFiles.Slice> retry = files.append(BATCH, 1, utf8("<e>a</e>"));

        assertThat(retry.get(0).offset()).isGreaterThan(firstTry.get(0).offset());
        assertThat(Files.readString(files.file(BATCH, 1))).isEqualTo("<e>a</e><e>a</e>");
        // far apart slices are read one by one, not as one span
        List<StagedPayloadFiles.Slice> far = files.append(BATCH, 1, utf8("x".repeat(10_000), "<e>b</e>"));
        assertThat(files.read(BATCH, 1, List.of(firstTry.get(0), far.get(1)))).containsExactly("<e>a</e>", "<e>b</e>");
    }

    @Test
    void eventsLargerThanOneReadOrWriteComeBackWhole() {
        StagedPayloadFiles files = files();
        String large = "<e>" + "猪".repeat(100_000) + "</e>"; // 300,007 bytes in UTF-8
        List<String> payloads = List.of("<e>a</e>", large, "<e>b</e>", large, large);
        List<StagedPayloadFiles.Slice> slices = files.append(BATCH, 1, utf8(payloads.toArray(String[]::new)));

        assertThat(slices.get(1).length()).isEqualTo(300_007);
        assertThat(files.read(BATCH, 1, slices)).containsExactlyElementsOf(payloads);
    }

    @Test
    void bytesChangedOnTheDiskAreRefusedNamingTheBatchAndTheFile() throws IOException {
        StagedPayloadFiles files = files();
        List<StagedPayloadFiles.Slice> slices = files.append(BATCH, 2, utf8("<e>a</e>", "<e>b</e>"));
        onDisk(files.file(BATCH, 2), raf -> {
            raf.seek(slices.get(1).offset() + 3);
            raf.write('c');
        });

        assertThat(files.read(BATCH, 2, List.of(slices.get(0)))).containsExactly("<e>a</e>");
        assertThatThrownBy(() -> files.read(BATCH, 2, slices))
                .isInstanceOf(StagedPayloadException.class)
                .hasMessageContaining(BATCH).hasMessageContaining("attempt 2").hasMessageContaining("checksum")
                .hasMessageContaining(files.file(BATCH, 2).toString());
    }

    @Test
    void aMissingOrShortenedFileIsRefusedNotReadAsEmpty() throws IOException {
        StagedPayloadFiles files = files();
        List<StagedPayloadFiles.Slice> slices = files.append(BATCH, 1, utf8("<e>a</e>", "<e>b</e>"));
        onDisk(files.file(BATCH, 1), raf -> raf.setLength(slices.get(1).offset() + 2));
        assertThatThrownBy(() -> files.read(BATCH, 1, slices)).isInstanceOf(StagedPayloadException.class).hasMessageContaining("ends at");

        Files.delete(files.file(BATCH, 1));
        assertThatThrownBy(() -> files.read(BATCH, 1, slices)).isInstanceOf(StagedPayloadException.class)
                .hasMessageContaining("missing").hasMessageContaining(BATCH);
    }

    @Test
    void deletingAttemptsKeepsTheLaterOnesAndTheFolderGoesWithItsLastFile() {
        StagedPayloadFiles files = files();
        for (int attempt = 1; attempt <= 3; attempt++) {
            files.append(BATCH, attempt, utf8("<e>" + attempt + "</e>"));
        }

        files.deleteAfterCommit(BATCH, 2);   // no transaction: at once
        assertThat(files.file(BATCH, 1)).doesNotExist();
        assertThat(files.file(BATCH, 2)).doesNotExist();
        assertThat(files.file(BATCH, 3)).exists();

        files.deleteAfterCommit(BATCH, 3);
        assertThat(dataDir.resolve("staging").resolve(BATCH)).doesNotExist();
        files.append(BATCH, 4, utf8("<e>4</e>"));
        assertThat(files.file(BATCH, 4)).exists();
    }

    @Test
    void inATransactionFilesGoOnlyOnceItCommits() {
        StagedPayloadFiles files = files();
        files.append(BATCH, 1, utf8("<e>1</e>"));
        TransactionSynchronizationManager.initSynchronization();
        try {
            files.deleteAfterCommit(BATCH, 1);
            assertThat(files.file(BATCH, 1)).exists();
            TransactionSynchronizationManager.getSynchronizations()
                    .forEach(s -> s.afterCompletion(TransactionSynchronization.STATUS_ROLLED_BACK));
            assertThat(files.file(BATCH, 1)).exists();
            TransactionSynchronizationManager.getSynchronizations().forEach(TransactionSynchronization::afterCommit);
            assertThat(files.file(BATCH, 1)).doesNotExist();
        } finally {
            TransactionSynchronizationManager.clearSynchronization();
        }
    }
}
