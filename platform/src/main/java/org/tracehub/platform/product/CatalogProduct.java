package org.tracehub.platform.product;

/** A product as the platform knows it: the name and GTIN of the newest event naming its code. */
public record CatalogProduct(String code, String name, String gtin, String category) {
}
