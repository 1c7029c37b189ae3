package org.tracehub.platform.trace;

/** Items of {@link ChainEvent.TestResult}. */
public final class TestItems {

    /** Vegetable pesticide-residue rapid test (enzyme inhibition); value: inhibition rate in %. */
    public static final String PESTICIDE_RESIDUE = "PESTICIDE_RESIDUE";
    /** Raw milk at the collection station: the overall verdict. */
    public static final String MILK_QUALITY = "MILK_QUALITY";
    /** A dairy product's release test at the plant (or where it ships from): the overall verdict. */
    public static final String PRODUCT_RELEASE = "PRODUCT_RELEASE";
    /** An imported dairy product's inspection at entry: the overall verdict. */
    public static final String IMPORT_INSPECTION = "IMPORT_INSPECTION";
    public static final String MILK_PROTEIN = "MILK_PROTEIN";
    public static final String MILK_FAT = "MILK_FAT";
    public static final String MILK_ACIDITY = "MILK_ACIDITY";
    public static final String MILK_DENSITY = "MILK_DENSITY";
    /** Slaughterhouse sampling of live animals (e.g. for clenbuterol); value: positive heads. */
    public static final String SLAUGHTER_SAMPLING = "SLAUGHTER_SAMPLING";
    public static final String PRE_FILL_CHECK = "PRE_FILL_CHECK";
    public static final String POST_FILL_CHECK = "POST_FILL_CHECK";

    private TestItems() {
    }
}
