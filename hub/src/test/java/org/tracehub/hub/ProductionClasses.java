package org.tracehub.hub;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * Every module's production classes as ArchUnit reads them, imported once per test JVM: the module rules and the settings
 * check each imported them on their own, the slowest part of either.
 */
public final class ProductionClasses {

    private ProductionClasses() {
    }

    /** The classes of every package under {@code org.tracehub}, without the tests'. */
    public static JavaClasses all() {
        return Holder.CLASSES;
    }

    // the JVM's lazy holder: imported on first use, then shared
    private static final class Holder {
        static final JavaClasses CLASSES = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.tracehub");
    }
}
