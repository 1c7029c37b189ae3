package org.tracehub.platform.trace;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.tracehub.platform.operator.OperatorRegistry;
import org.tracehub.platform.product.ProductCatalog;
import org.tracehub.platform.sql.JdbcBatches;
import org.tracehub.platform.sql.InLists;
import org.tracehub.schemas.standard.v1.TraceEvent;
import org.tracehub.schemas.xml.StandardXml;

/**
 * Writes loaded events into the central store. Idempotent by record: loading the same record again
 * (a re-sent row, a retried chunk, a reprocessed batch) replaces its event, with its links (inputs)
 * and aliases (other identifiers of the same equipment), and keeps the operator and product tables in
 * step. An event is found by its source and record key ({@code EventIds.recordKey}, V9) — ordered as the
 * source numbers its records — rather than by its random event id, a function of the two. Loads write a
 * page of events at a time ({@link #upsertAll}).
 */
@Repository
public class TraceEventStore {

    /** Ids per {@code IN} list: well inside every database's limits, still few statements per page. */
    static final int ID_SLICE = 500;
    private static final List<String> EVENT_COLUMNS = List.of("event_id", "record_key", "trace_code", "category", "step", "event_time",
            "operator_uscc", "operator_name", "node_type", "product_code", "product_name", "quantity", "unit", "origin",
            "source_id", "batch_id", "attempt", "row_no", "payload", "loaded_at", "aliases");
    /** Written by the update only: a new event replaced nothing ({@link #UPDATE_BY_KEY}). */
    private static final List<String> REPLACED_COLUMNS = List.of("replaced_batch_id", "replaced_row");
    private static final List<String> LOST_COLUMNS = List.of("batch_id", "row_no", "attempt", "source_id", "record_key", "trace_code",
            "removed_by_batch", "removed_by_row", "removed_at");
    private static final String STORED = "SELECT event_id, trace_code, source_id, record_key, aliases, batch_id, attempt, row_no, "
            + "replaced_batch_id, replaced_row, step FROM trace_event ";
    private static final RowMapper<StoredEvent> STORED_EVENT = (rs, row) -> {
        String replacedBatch = rs.getString(9);
        return new StoredEvent(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getInt(7), rs.getLong(8), replacedBatch == null ? null : new ReplacedVersion(replacedBatch, rs.getLong(10)),
                rs.getString(11));
    };
    /** Both through the primary key {@code (record_key, source_id)}: H2 looks an {@code IN} list up only on an index's first column. */
    static final String FIND_BY_KEYS = STORED + "WHERE source_id = :source AND record_key IN (:keys)";
    static final String DELETE_BY_KEYS = "DELETE FROM trace_event WHERE source_id = :source AND record_key IN (:keys)";
    /**
     * Every column of a stored event written again, with the version it replaced (V24), found by its key as stored
     * (before V9 its event id).
     */
    private static final String UPDATE_BY_KEY = "UPDATE trace_event SET " + String.join(" = ?, ", EVENT_COLUMNS) + " = ?, "
            + String.join(" = ?, ", REPLACED_COLUMNS) + " = ? WHERE source_id = ? AND record_key = ?";

    /** For the inserts: JDBC batches, which {@link JdbcClient} has none of. */
    private final JdbcOperations operations;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final OperatorRegistry operators;
    private final ProductCatalog products;
    private final EquipmentAliases aliases;
    private final ReceivedOrder receivedOrder;
    private final SharedTraceCodes sharedCodes;
    private final RecordKeySpellings spellings;

    @Autowired
    public TraceEventStore(JdbcOperations operations, Clock clock, OperatorRegistry operators, ProductCatalog products) {
        this.operations = operations;
        this.jdbc = JdbcClient.create(operations);
        this.clock = clock;
        this.operators = operators;
        this.products = products;
        this.aliases = new EquipmentAliases(operations, jdbc);
        this.receivedOrder = new ReceivedOrder(jdbc);
        this.sharedCodes = new SharedTraceCodes(jdbc);
        this.spellings = new RecordKeySpellings(jdbc);
    }

    public TraceEventStore(JdbcOperations operations, Clock clock) {
        this(operations, clock, new OperatorRegistry(operations, clock), new ProductCatalog(operations, clock));
    }

    public void upsert(TraceEvent e, String batchId, int attempt) {
        upsertAll(List.of(new LoadedEvent(e, StandardXml.toXml(e))), batchId, attempt);
    }

    /**
     * An event to load with its standard XML (as staged, so the load does not write the XML again) and
     * its record key; without one (staged before V9, or an event made in code) its event id stands for it.
     */
    public record LoadedEvent(TraceEvent event, String payload, String recordKey) {

        public LoadedEvent(TraceEvent event, String payload) {
            this(event, payload, null);
        }

        String storeKey() {
            return recordKey != null ? recordKey : event.getEventId();
        }

        String sourceId() {
            return event.getProvenance().getSourceId();
        }

        long row() {
            return event.getProvenance().getRow() == null ? 0 : event.getProvenance().getRow().longValue();
        }
    }

    /**
     * Loads a page of events with a handful of statements instead of a dozen per event: the page's
     * stored events are updated where they are, by key (every column written again, one JDBC batch), the new
     * ones inserted (another), their links are replaced only where
     * they changed ({@link EventLinks}), an alias pair is added when new and removed when no event declares it any
     * more ({@link EquipmentAliases}), and the operator and product
     * tables are folded in memory and written once per page. A record that occurs twice in what the
     * attempt loads (twice in the page, or in the page and in an earlier page of the same attempt) keeps its
     * last occurrence, as loading them one by one would, and is returned. A record whose stored version came
     * from a batch received after this one keeps that version ({@link ReceivedOrder}: a reprocess or a late
     * load of an older file does not undo the correction a newer one brought), and is returned too; so is a record
     * another batch stored from another kind of file of the source ({@link KeyConflict}: another step under the same key),
     * which keeps that version. Run it inside the load's transaction: a reader never sees the removed rows before the commit.
     *
     * @return the records of the page that replaced an earlier row of the same attempt, those a newer batch holds, the
     *         rows refused for another kind's record, the written rows whose trace code an unrelated source uses
     *         ({@link SharedTraceCodes}) and those that repeat another batch's record under another key
     *         ({@link RecordKeySpellings}), each in row order
     */
    public PageResult upsertAll(List<LoadedEvent> page, String batchId, int attempt) {
        if (page.isEmpty()) {
            return PageResult.NONE;
        }
        List<RepeatedRecord> repeated = new ArrayList<>();
        Map<List<String>, LoadedEvent> byKey = new LinkedHashMap<>();
        // a repeated key's first occurrence in the page is the one that replaced what the store holds
        Map<List<String>, LoadedEvent> firstOfRepeated = new LinkedHashMap<>();
        for (LoadedEvent e : page) {
            List<String> key = List.of(e.sourceId(), e.storeKey());
            LoadedEvent earlier = byKey.remove(key);
            if (earlier != null) {
                repeated.add(new RepeatedRecord(e.row(), earlier.row()));
                firstOfRepeated.putIfAbsent(key, earlier);
            }
            byKey.put(key, e);
        }
        Map<List<String>, StoredEvent> storedByKey = storedVersionsOf(byKey.values());
        List<StoredEvent> stored = new ArrayList<>(storedByKey.values());
        Set<String> newerBatches = receivedOrder.receivedAfter(batchId, stored.stream().map(StoredEvent::batchId).toList());
        List<SupersededRecord> superseded = new ArrayList<>();
        Map<List<String>, KeyConflict> conflicts = new LinkedHashMap<>();
        Set<List<String>> notWritten = new HashSet<>();
        OffsetDateTime loadedAt = OffsetDateTime.now(clock);
        List<Object[]> inserts = new ArrayList<>(byKey.size());
        List<Object[]> updates = new ArrayList<>();
        Map<String, Set<List<String>>> links = new LinkedHashMap<>();
        Set<EquipmentAliases.Pair> declared = new LinkedHashSet<>();
        List<LoadedEvent> written = new ArrayList<>(byKey.size());
        for (LoadedEvent loaded : byKey.values()) {
            TraceEvent e = loaded.event();
            StoredEvent before = storedByKey.remove(List.of(loaded.sourceId(), loaded.storeKey()));
            if (before == null) {
                // stored before V9, under its event id
                before = storedByKey.remove(List.of(loaded.sourceId(), e.getEventId()));
            }
            if (before != null && KeyConflict.between(loaded, before, batchId)) {
                // another kind of record under the same key: neither replaced nor told apart, so left as stored
                conflicts.put(List.of(loaded.sourceId(), loaded.storeKey()), new KeyConflict(loaded.row(), loaded.storeKey(),
                        e.getTraceCode(), e.getStep().name(), before.batchId(), before.row(), before.step()));
                notWritten.add(List.of(loaded.sourceId(), loaded.storeKey()));
                stored.remove(before);
                continue;
            }
            if (before != null && newerBatches.contains(before.batchId())) {
                // left as the newer batch stored it, links and aliases included
                superseded.add(new SupersededRecord(loaded.row(), before.batchId(), before.row()));
                notWritten.add(List.of(loaded.sourceId(), loaded.storeKey()));
                stored.remove(before);
                continue;
            }
            if (before != null && before.attempt() == attempt && batchId.equals(before.batchId())) {
                LoadedEvent first = firstOfRepeated.getOrDefault(List.of(loaded.sourceId(), loaded.storeKey()), loaded);
                repeated.add(new RepeatedRecord(first.row(), before.row()));
            }
            written.add(loaded);
            Set<String> equipmentIds = EquipmentIdentifiers.aliasesOf(e);
            (before == null ? inserts : updates).add(eventRow(loaded, batchId, attempt, loadedAt, before, equipmentIds));
            if (e.getInputs() != null) {
                for (String input : e.getInputs().getInput()) {
                    EventLinks.want(links, e, input);
                }
            }
            equipmentIds.forEach(alias -> declared.add(new EquipmentAliases.Pair(alias, e.getTraceCode())));
        }
        // before the page is written: its own codes are of this source
        List<SharedTraceCode> shared = sharedCodes.of(written);
        // before the page is written too: a stored record the page updates is compared as it was
        List<RecordKeySpelling> spelledOtherwise = spellings.of(written, batchId);
        EventLinks.replace(jdbc, operations, stored, links);
        // a record stored both under its event id (before V9) and under its record key: the one not updated goes
        removeEvents(List.copyOf(storedByKey.values()));
        JdbcBatches.execute(operations, UPDATE_BY_KEY, updates);
        JdbcBatches.insert(operations, "trace_event", EVENT_COLUMNS, inserts);
        // after the event rows: a pair the stored versions declared and the page does not goes unless another event keeps it
        Set<EquipmentAliases.Pair> declaredBefore = EquipmentAliases.declaredBy(stored);
        aliases.declare(declared, declaredBefore);
        declaredBefore.removeAll(declared);
        aliases.release(declaredBefore);
        // in file order, as one-by-one loading would fold them
        OperatorRegistry.Fold parties = operators.fold();
        ProductCatalog.Fold catalog = products.fold();
        for (LoadedEvent loaded : page) {
            if (notWritten.contains(List.of(loaded.sourceId(), loaded.storeKey()))) {
                continue;
            }
            TraceEvent e = loaded.event();
            parties.reporter(e.getOperator(), e.getTime());
            parties.counterparty(e.getCounterparty());
            catalog.record(e.getProduct(), e.getCategory(), e.getTime());
        }
        parties.write();
        catalog.write();
        List<KeyConflict> refused = KeyConflict.onEveryRow(page, conflicts);
        Set<Long> refusedRows = new HashSet<>();
        refused.forEach(c -> refusedRows.add(c.row()));
        // a conflicting record's earlier rows in the page replaced nothing either: each is refused, none repeated
        repeated.removeIf(r -> refusedRows.contains(r.row()));
        repeated.sort(Comparator.comparingLong(RepeatedRecord::row));
        return new PageResult(repeated, superseded, refused, shared, spelledOtherwise);
    }

    /**
     * The event's {@code trace_event} row in {@link #EVENT_COLUMNS} order: the insert's parameters, or with a stored
     * version the update's ({@link #UPDATE_BY_KEY}: then the version it replaced, and the stored version's source and key).
     * Another batch's version is the one replaced; the same batch's (another attempt, or an earlier row of this one)
     * passes on what that one had replaced, so that a reprocess still knows whose accepted row its version stands for.
     */
    private static Object[] eventRow(LoadedEvent loaded, String batchId, int attempt, OffsetDateTime loadedAt, StoredEvent before,
                                     Set<String> equipmentIds) {
        TraceEvent e = loaded.event();
        Object[] row = new Object[EVENT_COLUMNS.size() + (before == null ? 0 : REPLACED_COLUMNS.size() + 2)];
        int c = 0;
        row[c++] = e.getEventId();
        row[c++] = loaded.storeKey();
        row[c++] = e.getTraceCode();
        row[c++] = e.getCategory().name();
        row[c++] = e.getStep().name();
        row[c++] = e.getTime();
        row[c++] = e.getOperator() == null ? null : e.getOperator().getUscc();
        row[c++] = e.getOperator() == null ? null : e.getOperator().getName();
        row[c++] = e.getOperator() == null || e.getOperator().getNodeType() == null ? null : e.getOperator().getNodeType().name();
        row[c++] = e.getProduct() == null ? null : e.getProduct().getCode();
        row[c++] = e.getProduct() == null ? null : e.getProduct().getName();
        row[c++] = e.getQuantity() == null ? null : e.getQuantity().getValue();
        row[c++] = e.getQuantity() == null ? null : e.getQuantity().getUnit();
        row[c++] = e.getOrigin();
        row[c++] = e.getProvenance().getSourceId();
        row[c++] = batchId;
        row[c++] = attempt;
        row[c++] = e.getProvenance().getRow().longValue();
        row[c++] = loaded.payload();
        row[c++] = loadedAt;
        row[c++] = EquipmentAliases.column(equipmentIds);
        if (before != null) {
            ReplacedVersion replaced = batchId.equals(before.batchId()) ? before.replaced()
                    : new ReplacedVersion(before.batchId(), before.row());
            row[c++] = replaced == null ? null : replaced.batchId();
            row[c++] = replaced == null ? null : replaced.row();
            row[c++] = before.sourceId();
            row[c] = before.recordKey();
        }
        return row;
    }

    /**
     * Removes one attempt's events of a batch with their links and aliases: after a newer attempt is
     * loaded, the events the older one produced and the newer one did not (the ones it did produce
     * were replaced by key). Call it in the load's transaction with the attempt the store held before,
     * the only other attempt it can hold. Works through the batch's index a slice of ids at a time, so
     * the cost follows the attempt's size, neither the store's nor the heap's. The store keeps one version per record:
     * a removed event whose version had replaced another batch's takes that batch's accepted row out of the store too,
     * and is returned ({@link LostVersion}; read by the query that finds the slice) for the load to report, and written
     * into {@code lost_version} for the other batch's page ({@link LostVersions}).
     */
    public RemovedEvents removeEventsOfAttempt(String batchId, int attempt) {
        int removed = 0;
        List<LostVersion> lost = new ArrayList<>();
        while (true) {
            List<StoredEvent> stored = jdbc.sql(STORED + "WHERE batch_id = ? AND attempt = ? FETCH FIRST " + ID_SLICE + " ROWS ONLY")
                    .params(batchId, attempt).query(STORED_EVENT).list();
            if (stored.isEmpty()) {
                lost.sort(Comparator.comparingLong(LostVersion::row));
                return new RemovedEvents(removed, lost);
            }
            List<StoredEvent> replacing = stored.stream().filter(s -> s.replaced() != null).toList();
            replacing.forEach(s -> lost.add(new LostVersion(s.row(), s.recordKey(), s.traceCode(), s.replaced().batchId(), s.replaced().row())));
            rememberLost(batchId, replacing);
            removed += removeStored(stored);
        }
    }

    /**
     * Writes the older batches' rows whose versions go with these events into {@code lost_version} (V27), so that the
     * older batch's page can say so as well: the warning the load writes is on the reprocessed batch only, and the older
     * batch's receipt still counts its row as accepted. Each with the older batch's loaded attempt, read once per batch.
     */
    private void rememberLost(String removedBy, List<StoredEvent> replacing) {
        if (replacing.isEmpty()) {
            return;
        }
        Map<String, Integer> loadedAttempts = new HashMap<>();
        for (List<String> ids : InLists.slices(replacing.stream().map(s -> s.replaced().batchId()).distinct().toList(), ID_SLICE)) {
            jdbc.sql("SELECT id, loaded_attempt FROM batch WHERE id IN (:ids)").param("ids", ids)
                    .query(rs -> {
                        int attempt = rs.getInt(2);
                        loadedAttempts.put(rs.getString(1), rs.wasNull() ? null : attempt);
                    });
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        JdbcBatches.execute(operations, "DELETE FROM lost_version WHERE batch_id = ? AND row_no = ?", replacing.stream()
                .map(s -> new Object[] {s.replaced().batchId(), s.replaced().row()}).toList());
        JdbcBatches.insert(operations, "lost_version", LOST_COLUMNS, replacing.stream()
                .map(s -> new Object[] {s.replaced().batchId(), s.replaced().row(), loadedAttempts.get(s.replaced().batchId()),
                        s.sourceId(), s.recordKey(), s.traceCode(), removedBy, s.row(), now})
                .toList());
    }

    /** What {@link #removeEventsOfAttempt} removed: how many events, and the other batches' versions that went with them. */
    public record RemovedEvents(int count, List<LostVersion> lost) {
    }

    /**
     * A removed event whose version had replaced another batch's (V24): that batch's accepted row is no longer in the
     * store. {@code row} is the removed event's row in its own batch, {@code replacedRow} the replaced version's row in
     * {@code replacedBatchId}; reprocessing that batch stores its version again.
     */
    public record LostVersion(long row, String recordKey, String traceCode, String replacedBatchId, long replacedRow) {
    }

    /** The version of a record an event replaced: another batch's row. */
    record ReplacedVersion(String batchId, long row) {
    }

    /**
     * An event in the store: its id, the trace code its links and aliases are keyed by, its key, the aliases it
     * declares, the row of the attempt that loaded it, and the other batch's version it replaced, if any.
     */
    record StoredEvent(String eventId, String traceCode, String sourceId, String recordKey, String aliases, String batchId,
                       int attempt, long row, ReplacedVersion replaced, String step) {
    }

    /**
     * A record that occurs twice in what one attempt loads (the same natural key on two rows of a file): the later
     * row replaced the earlier one's event, as loading them one by one would. The load reports it on the later row,
     * so that an accepted row is never replaced unsaid.
     */
    public record RepeatedRecord(long row, long earlierRow) {
    }

    /**
     * A record whose stored version came from a batch received after the one being loaded: the stored version stays,
     * and the load reports it on the row that was not written, naming the batch and row that hold the record.
     */
    public record SupersededRecord(long row, String newerBatchId, long newerRow) {
    }

    /**
     * What a page's load has to report: repeated records, superseded ones, rows refused for a key another kind of record
     * holds ({@link KeyConflict}), rows whose trace code another source uses ({@link SharedTraceCode}) and rows that repeat
     * a stored record of the source under another key ({@link RecordKeySpelling}), each in row order.
     */
    public record PageResult(List<RepeatedRecord> repeated, List<SupersededRecord> superseded, List<KeyConflict> conflicts,
                             List<SharedTraceCode> shared, List<RecordKeySpelling> spelledOtherwise) {

        static final PageResult NONE = new PageResult(List.of(), List.of(), List.of(), List.of(), List.of());

        public boolean isEmpty() {
            return repeated.isEmpty() && superseded.isEmpty() && conflicts.isEmpty() && shared.isEmpty()
                    && spelledOtherwise.isEmpty();
        }
    }

    /**
     * What the store holds of the page's records, by source and key as stored (a map the caller takes the
     * updated ones out of). Found by record key and, for events stored before V9
     * (whose key is their event id), by event id in the same index. An event staged before V9 has no
     * record key: its stored version under a record key is found through its trace code (the event's own
     * index), the event id narrowing it — the one case not found is such an event re-sent with a
     * corrected trace code after the upgrade but loaded before it (platform/README.md).
     */
    private Map<List<String>, StoredEvent> storedVersionsOf(Collection<LoadedEvent> events) {
        Map<String, Set<String>> keysBySource = new LinkedHashMap<>();
        List<TraceEvent> unkeyed = new ArrayList<>();
        for (LoadedEvent e : events) {
            Set<String> keys = keysBySource.computeIfAbsent(e.sourceId(), s -> new LinkedHashSet<>());
            keys.add(e.storeKey());
            keys.add(e.event().getEventId());
            if (e.recordKey() == null) {
                unkeyed.add(e.event());
            }
        }
        Map<List<String>, StoredEvent> stored = new LinkedHashMap<>();
        keysBySource.forEach((source, keys) -> {
            for (List<String> slice : InLists.slices(keys, ID_SLICE)) {
                jdbc.sql(FIND_BY_KEYS).param("source", source).param("keys", slice)
                        .query(STORED_EVENT).list().forEach(s -> stored.put(List.of(s.sourceId(), s.recordKey()), s));
            }
        });
        for (List<TraceEvent> slice : InLists.slices(unkeyed, ID_SLICE)) {
            jdbc.sql(STORED + "WHERE trace_code IN (:codes) AND event_id IN (:ids)")
                    .param("codes", slice.stream().map(TraceEvent::getTraceCode).distinct().toList())
                    .param("ids", slice.stream().map(TraceEvent::getEventId).distinct().toList())
                    .query(STORED_EVENT).list().forEach(s -> stored.put(List.of(s.sourceId(), s.recordKey()), s));
        }
        return stored;
    }

    /** Removes stored events with their links, and the aliases no remaining event declares. */
    private int removeStored(List<StoredEvent> stored) {
        EventLinks.removeAll(jdbc, stored);
        int removed = removeEvents(stored);
        aliases.release(EquipmentAliases.declaredBy(stored));
        return removed;
    }

    /** Removes the stored events' own rows, by their key. */
    private int removeEvents(List<StoredEvent> stored) {
        int removed = 0;
        for (List<StoredEvent> slice : InLists.slices(stored, ID_SLICE)) {
            Map<String, List<String>> keysBySource = new LinkedHashMap<>();
            slice.forEach(s -> keysBySource.computeIfAbsent(s.sourceId(), k -> new ArrayList<>()).add(s.recordKey()));
            for (Map.Entry<String, List<String>> keys : keysBySource.entrySet()) {
                removed += jdbc.sql(DELETE_BY_KEYS)
                        .param("source", keys.getKey()).param("keys", keys.getValue()).update();
            }
        }
        return removed;
    }

    public long countByBatch(String batchId) {
        return jdbc.sql("SELECT COUNT(*) FROM trace_event WHERE batch_id = ?").param(batchId).query(Long.class).single();
    }

    public List<String> eventIdsByBatch(String batchId) {
        return jdbc.sql("SELECT event_id FROM trace_event WHERE batch_id = ? ORDER BY row_no").param(batchId).query(String.class).list();
    }
}
