package org.tracehub.platform.product;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.tracehub.schemas.standard.v1.Category;
import org.tracehub.schemas.standard.v1.Product;

/**
 * Keeps the {@code product} table in step with loaded events: the newest event naming a code sets
 * its name and GTIN (an older one, loaded late, changes nothing). Portable SQL: read, then update
 * or insert; the primary key settles races.
 */
@Repository
public class ProductCatalog {

    private final JdbcClient jdbc;
    private final Clock clock;

    public ProductCatalog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
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

    public Optional<CatalogProduct> find(String code) {
        return jdbc.sql("SELECT code, name, gtin, category FROM product WHERE code = ?")
                .param(code)
                .query((rs, i) -> new CatalogProduct(rs.getString("code"), rs.getString("name"), rs.getString("gtin"),
                        rs.getString("category")))
                .optional();
    }
}
