package org.tracehub.routes.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracehub.platform.batch.Batch;

class OutboxReceiptsTest {

    private static final String NAME = "交易明细_20261127.csv";
    private static final Batch FIRST = ReceiptFixtures.staged(NAME, 120, 117, 3, 0);
    private static final Batch RESENT = ReceiptFixtures.duplicate(NAME, FIRST.id(), "与批次 " + FIRST.id() + " 内容相同");

    @TempDir
    Path outbox;

    private final Map<String, Batch> store = Map.of(FIRST.id(), FIRST, RESENT.id(), RESENT);

    @Test
    void aFileNameSeenForTheFirstTimeGetsThePlainReceiptName() throws Exception {
        OutboxReceipts.ReceiptFiles target = receipts().targetFor(FIRST, this::find);

        assertThat(target.csv()).isEqualTo(outbox.resolve(NAME + ".receipt.csv"));
        assertThat(target.xml()).isEqualTo(outbox.resolve(NAME + ".receipt.xml"));
    }

    @Test
    void aFollowUpReceiptOfTheSameBatchReplacesItsOwnReceipt() throws Exception {
        write(receipts().plain(), FIRST);

        assertThat(receipts().targetFor(FIRST, this::find)).isEqualTo(receipts().plain());
        assertThat(outbox.resolve(NAME + "." + FIRST.id() + ".receipt.csv")).doesNotExist();
    }

    @Test
    void aNewerBatchOfTheSameNameMovesTheOlderReceiptAsideUnchangedAndTakesThePlainName() throws Exception {
        write(receipts().plain(), FIRST);
        byte[] firstCsv = Files.readAllBytes(receipts().plain().csv());
        byte[] firstXml = Files.readAllBytes(receipts().plain().xml());

        OutboxReceipts.ReceiptFiles target = receipts().targetFor(RESENT, this::find);

        assertThat(target).isEqualTo(receipts().plain());
        assertThat(receipts().plain().csv()).as("moved, not copied").doesNotExist();
        assertThat(outbox.resolve(NAME + "." + FIRST.id() + ".receipt.csv")).hasBinaryContent(firstCsv);
        assertThat(outbox.resolve(NAME + "." + FIRST.id() + ".receipt.xml")).hasBinaryContent(firstXml);
    }

    @Test
    void aDuplicateIsNewerThanTheBatchItRepeatsEvenAtTheSameInstantAndWithASmallerId() throws Exception {
        Batch sameInstant = new Batch("20261127-0000000000", RESENT.sourceId(), NAME, NAME, RESENT.archivePath(), RESENT.sizeBytes(),
                RESENT.sha256(), FIRST.id(), RESENT.transport(), FIRST.receivedAt(), RESENT.status(), 0, null, 0, 0, 0, 0, 0,
                RESENT.failureCode(), RESENT.failureMessage(), FIRST.receivedAt());
        write(receipts().plain(), FIRST);

        OutboxReceipts.ReceiptFiles target = receipts().targetFor(sameInstant, id -> Optional.of(FIRST));

        assertThat(target).isEqualTo(receipts().plain());
        assertThat(OutboxReceipts.ownerOf(receipts().ofBatch(FIRST.id()).xml())).contains(FIRST.id());
    }

    @Test
    void aFollowUpReceiptOfTheOlderBatchGoesUnderItsIdAndLeavesTheNewerOneInPlace() throws Exception {
        write(receipts().plain(), RESENT);

        OutboxReceipts.ReceiptFiles target = receipts().targetFor(FIRST, this::find);

        assertThat(target).isEqualTo(receipts().ofBatch(FIRST.id()));
        assertThat(OutboxReceipts.ownerOf(receipts().plain().xml())).contains(RESENT.id());
    }

    @Test
    void aReceiptOfABatchTheStoreDoesNotKnowIsKeptAsideAsWell() throws Exception {
        write(receipts().plain(), FIRST);

        receipts().targetFor(RESENT, id -> Optional.empty());

        assertThat(OutboxReceipts.ownerOf(receipts().ofBatch(FIRST.id()).xml())).contains(FIRST.id());
        assertThat(receipts().plain().xml()).doesNotExist();
    }

    @Test
    void theOwnerIsReadFromTheReceiptXmlAndAnythingElseNamesNone() throws Exception {
        write(receipts().plain(), RESENT);
        Path foreign = Files.writeString(outbox.resolve("notes.xml"), "<notes>不是回执</notes>");
        Path broken = Files.writeString(outbox.resolve("broken.xml"), "<receipt><batchId>");

        assertThat(OutboxReceipts.ownerOf(receipts().plain().xml())).contains(RESENT.id());
        assertThat(OutboxReceipts.ownerOf(foreign)).isEmpty();
        assertThat(OutboxReceipts.ownerOf(broken)).isEmpty();
        assertThat(OutboxReceipts.ownerOf(outbox.resolve("missing.xml"))).isEmpty();
    }

    private OutboxReceipts receipts() {
        return new OutboxReceipts(outbox, NAME);
    }

    private Optional<Batch> find(String id) {
        return Optional.ofNullable(store.get(id));
    }

    private static void write(OutboxReceipts.ReceiptFiles files, Batch batch) throws Exception {
        Receipt receipt = new Receipt(batch, List.of());
        try (OutputStream out = Files.newOutputStream(files.xml())) {
            new ReceiptXmlWriter().write(receipt, out);
        }
        try (OutputStream out = Files.newOutputStream(files.csv())) {
            new ReceiptCsvWriter().write(receipt, Charset.forName("GB18030"), out);
        }
    }
}
