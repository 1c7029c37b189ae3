package org.tracehub.hub;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md's module table as rules: dependencies point down the table only, and each module keeps
 * out of the technologies that belong to another (a reader knows nothing of Camel, a route nothing
 * of Spring Batch, a job nothing of SFTP).
 */
class ModuleDependencyRulesTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        classes = ProductionClasses.all();
    }

    @Test
    void dependenciesPointDownTheModuleTableOnly() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("hub").definedBy("org.tracehub.hub..")
                .layer("routes").definedBy("org.tracehub.routes..")
                .layer("jobs").definedBy("org.tracehub.jobs..")
                .layer("platform").definedBy("org.tracehub.platform..")
                .layer("mappings").definedBy("org.tracehub.mappings..")
                .layer("schemas").definedBy("org.tracehub.schemas..")
                .layer("samples").definedBy("org.tracehub.samples..")
                .whereLayer("hub").mayNotBeAccessedByAnyLayer()
                .whereLayer("routes").mayOnlyBeAccessedByLayers("hub")
                .whereLayer("jobs").mayOnlyBeAccessedByLayers("hub")
                .whereLayer("platform").mayOnlyBeAccessedByLayers("routes", "jobs", "hub")
                .whereLayer("mappings").mayOnlyBeAccessedByLayers("routes", "jobs", "hub")
                .whereLayer("schemas").mayOnlyBeAccessedByLayers("mappings", "platform", "routes", "jobs", "hub")
                .whereLayer("samples").mayOnlyBeAccessedByLayers("hub")
                .check(classes);
    }

    @Test
    void theStandardAndTheMappingEngineAreFrameworkFree() {
        noClasses().that().resideInAnyPackage("org.tracehub.schemas..", "org.tracehub.mappings..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.camel..", "org.springframework.batch..",
                        "org.springframework.jms..", "jakarta.jms..", "org.apache.sshd..", "org.springframework.jdbc..",
                        "org.springframework.boot..")
                .check(classes);
    }

    @Test
    void routesKnowNothingOfBatchJobsAndJobsNothingOfCamelOrSftp() {
        noClasses().that().resideInAPackage("org.tracehub.routes..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.batch..")
                .check(classes);
        noClasses().that().resideInAPackage("org.tracehub.jobs..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.camel..", "org.apache.sshd..")
                .check(classes);
    }

    @Test
    void thePlatformStoreKnowsNothingOfTransportOrJobs() {
        noClasses().that().resideInAPackage("org.tracehub.platform..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.camel..", "org.springframework.batch..",
                        "org.apache.sshd..", "org.springframework.jms..")
                .check(classes);
    }
}
