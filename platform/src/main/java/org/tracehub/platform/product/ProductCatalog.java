package org.tracehub.platform.product;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.tracehub.platform.sql.JdbcBatches;
import org.tracehub.platform.sql.InLists;
import org.tracehub.schemas.standard.v1.Category;
import org.tracehub.schemas.standard.v1.Product;

/**
 * Keeps the {@code product} table in step with loaded events: the newest event naming a code sets
 * its name and GTIN (an older one, loaded late, changes nothing). Portable SQL: read, then update
 * or insert; the primary key settles races.
 */
@Repository
public class ProductCatalog {

    /** For the inserts: JDBC batches, which {@link JdbcClient} has none of. */
    private final JdbcOperations operations;
    private final JdbcClient jdbc;
    private final Clock clock;

    public ProductCatalog(JdbcOperations operations, Clock clock) {
        this.operations = operations;
        this.jdbc = JdbcClient.create(operations);
        this.clock = clock;
    }

    public void record(Product product, Category category, OffsetDateTime eventTime) {
        if (product == null || product.getCode() == null || product.getCode().isBlank()) {
            return;
        }
        Optional<OffsetDateTime> lastReported = jdbc.sql("SELECT last_reported_at FROM product WHERE code = ?")
                .param(product.getCode()).query(OffsetDateTime.class).optional();
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (lastReported.isEmpty()) {
            jdbc.sql("INSERT INTO product (code, name, gtin, category, last_reported_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)")
                    .params(product.getCode(), product.getName(), product.getGtin(), category.name(), eventTime, now)
                    .update();
        } else if (!lastReported.get().isAfter(eventTime)) {
            jdbc.sql("UPDATE product SET name = COALESCE(?, name), gtin = COALESCE(?, gtin), category = ?, last_reported_at = ?, "
                            + "updated_at = ? WHERE code = ?")
                    .params(product.getName(), product.getGtin(), category.name(), eventTime, now, product.getCode())
                    .update();
        }
    }

    /** Collects the products of a page of events, to be written with {@link Fold#write()} in a few statements. */
    public Fold fold() {
        return new Fold();
    }

    /**
     * The rule of {@link #record}, applied in order to a page of events in memory: the page's codes
     * are read with one query, folded, and only the new or changed products are written.
     */
    public final class Fold {

        private record Call(Product product, Category category, OffsetDateTime eventTime) {
        }

        private final List<Call> calls = new ArrayList<>();

        public void record(Product product, Category category, OffsetDateTime eventTime) {
            if (product != null && product.getCode() != null && !product.getCode().isBlank()) {
                calls.add(new Call(product, category, eventTime));
            }
        }

        public void write() {
            if (calls.isEmpty()) {
                return;
            }
            Map<String, Row> rows = new LinkedHashMap<>();
            Set<String> codes = new LinkedHashSet<>();
            calls.forEach(c -> codes.add(c.product().getCode()));
            for (List<String> slice : InLists.slices(codes, 500)) {
                jdbc.sql("SELECT code, name, gtin, category, last_reported_at FROM product WHERE code IN (:codes)")
                        .param("codes", slice)
                        .query((rs, i) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getObject(5, OffsetDateTime.class), true))
                        .list()
                        .forEach(r -> rows.put(r.code, r));
            }
            for (Call c : calls) {
                Product p = c.product();
                Row known = rows.get(p.getCode());
                if (known == null) {
                    Row added = new Row(p.getCode(), p.getName(), p.getGtin(), c.category().name(), c.eventTime(), false);
                    added.changed = true;
                    rows.put(p.getCode(), added);
                } else if (!known.lastReportedAt.isAfter(c.eventTime())) {
                    known.name = p.getName() != null ? p.getName() : known.name;
                    known.gtin = p.getGtin() != null ? p.getGtin() : known.gtin;
                    known.category = c.category().name();
                    known.lastReportedAt = c.eventTime();
                    known.changed = true;
                }
            }
            OffsetDateTime now = OffsetDateTime.now(clock);
            List<Object[]> inserts = new ArrayList<>();
            for (Row r : rows.values()) {
                if (!r.changed) {
                    continue;
                }
                if (r.stored) {
                    jdbc.sql("UPDATE product SET name = ?, gtin = ?, category = ?, last_reported_at = ?, updated_at = ? WHERE code = ?")
                            .params(r.name, r.gtin, r.category, r.lastReportedAt, now, r.code)
                            .update();
                } else {
                    inserts.add(new Object[] {r.code, r.name, r.gtin, r.category, r.lastReportedAt, now});
                }
            }
            JdbcBatches.insert(operations, "product", COLUMNS, inserts);
            calls.clear();
        }
    }

    private static final List<String> COLUMNS = List.of("code", "name", "gtin", "category", "last_reported_at", "updated_at");

    /** A product as the fold sees it. */
    private static final class Row {
        final String code;
        String name;
        String gtin;
        String category;
        OffsetDateTime lastReportedAt;
        final boolean stored;
        boolean changed;

        Row(String code, String name, String gtin, String category, OffsetDateTime lastReportedAt, boolean stored) {
            this.code = code;
            this.name = name;
            this.gtin = gtin;
            this.category = category;
            this.lastReportedAt = lastReportedAt;
            this.stored = stored;
        }
    }

    public Optional<CatalogProduct> find(String code) {
        return jdbc.sql("SELECT code, name, gtin, category FROM product WHERE code = ?")
                .param(code)
                .query((rs, i) -> new CatalogProduct(rs.getString("code"), rs.getString("name"), rs.getString("gtin"),
                        rs.getString("category")))
                .optional();
    }
}
