package org.tracehub.samples.generator;

import java.util.Locale;

/** The file formats the generator writes. */
public enum OutputFormat {
    CSV("csv"),
    XLSX("xlsx"),
    XLS("xls"),
    XML("xml");

    private final String extension;

    OutputFormat(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }

    public boolean tabular() {
        return this != XML;
    }

    public static OutputFormat parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
}
