package org.tracehub.schemas.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tracehub.schemas.TestEvents;
import org.tracehub.schemas.standard.v1.Category;
import org.tracehub.schemas.standard.v1.Step;
import org.tracehub.schemas.standard.v1.TraceEvent;
import org.tracehub.schemas.validation.ErrorCodes;
import org.tracehub.schemas.validation.Finding;

class RequiredFieldsTest {

    private final EventRules rules = new EventRules(TestEvents.CLOCK);

    /** Every (category, step, requirement) of the table, plus the ones every event has. */
    static Stream<Arguments> everyRequirement() {
        List<Arguments> all = new ArrayList<>();
        RequiredFields.table().forEach((category, steps) -> steps.forEach((step, requirements) -> {
            for (Requirement r : RequiredFields.of(category, step)) {
                all.add(Arguments.of(category, step, r));
            }
        }));
        return all.stream();
    }

    static Stream<Arguments> everyCategoryAndStep() {
        return Stream.of(Category.values()).flatMap(c -> Stream.of(Step.values()).map(s -> Arguments.of(c, s)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyCategoryAndStep")
    void passesACompleteEventOfEveryCategoryAndStep(Category category, Step step) {
        assertThat(rules.check(TestEvents.complete(category, step))).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("everyRequirement")
    void rejectsAnEventMissingEveryFieldOfARequirementWithOneFindingOnItsFirstField(Category category, Step step,
            Requirement requirement) {
        TraceEvent event = TestEvents.complete(category, step);
        for (String path : requirement.anyOf()) {
            clear(event, path);
        }

        assertThat(rules.check(event)).extracting(Finding::field, Finding::code)
                .containsExactly(tuple(requirement.field(), requirement.code()));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("everyRequirement")
    void acceptsAnyOneFieldOfAGroupAlone(Category category, Step step, Requirement requirement) {
        for (String kept : requirement.anyOf()) {
            TraceEvent event = TestEvents.complete(category, step);
            requirement.anyOf().stream().filter(p -> !p.equals(kept)).forEach(p -> clear(event, p));

            assertThat(rules.check(event)).as("only %s kept", kept).isEmpty();
        }
    }

    @Test
    void namesOnlyFieldsOfTheStandard() {
        RequiredFields.table().values().forEach(steps -> steps.values().forEach(requirements -> requirements.forEach(r ->
                assertThat(StandardFields.all().keySet()).as("%s", r).containsAll(r.anyOf()))));
        RequiredFields.always().forEach(r -> assertThat(StandardFields.all().keySet()).containsAll(r.anyOf()));
    }

    @Test
    void keepsTheMeatCertificateRuleOnTheQuarantineField() {
        for (Step step : List.of(Step.SLAUGHTER, Step.WHOLESALE, Step.MARKET_ENTRY, Step.RETAIL_ENTRY, Step.SHIP)) {
            assertThat(RequiredFields.specific(Category.MEAT, step)).first().satisfies(r -> {
                assertThat(r.field()).isEqualTo("certificates.ANIMAL_QUARANTINE");
                assertThat(r.anyOf()).containsExactly("certificates.ANIMAL_QUARANTINE", "certificates.MEAT_QUALITY");
                assertThat(r.code()).isEqualTo(ErrorCodes.CERTIFICATE_REQUIRED);
            });
        }
        assertThat(RequiredFields.specific(Category.MEAT, Step.RETAIL_SALE)).isEmpty();
    }

    @Test
    void requiresWhatTheIssueNamesForDairyCollectionAndCylinderFilling() {
        assertThat(RequiredFields.specific(Category.DAIRY, Step.COLLECT)).extracting(Requirement::field)
                .contains("extension.dairy.stationLicence");
        assertThat(RequiredFields.specific(Category.GAS_CYLINDER, Step.FILL)).extracting(Requirement::field)
                .containsExactly("extension.gasCylinder.cylinderCode", "extension.gasCylinder.medium", "quantity");
    }

    @Test
    void keepsTheOperatorRuleOnItsCreditCodeField() {
        assertThat(RequiredFields.always()).extracting(Requirement::anyOf).containsExactly(
                List.of("traceCode"), List.of("time"), List.of("operator.uscc", "operator.name"));
        assertThat(RequiredFields.always().get(2).code()).isEqualTo(ErrorCodes.FIELD_REQUIRED);
    }

    @Test
    void tellsTheClerkInChineseWhatIsMissing() {
        assertThat(Requirement.of("extension.gasCylinder.medium").message()).isEqualTo("缺少必填项：充装介质");
        assertThat(Requirement.of("certificates.ANIMAL_QUARANTINE", "certificates.MEAT_QUALITY").message())
                .isEqualTo("缺少必填项：动物产品检疫合格证编号或肉品品质检验合格证编号（至少填写一项）");
    }

    @Test
    void usesTheCertificateCodeOnlyForGroupsOfCertificates() {
        assertThat(Requirement.of("certificates.ORIGIN", "certificates.MARKET_ENTRY_VOUCHER").code())
                .isEqualTo(ErrorCodes.CERTIFICATE_REQUIRED);
        assertThat(Requirement.of("extension.dairy.customsDeclarationNo", "certificates.CUSTOMS_DECLARATION").code())
                .isEqualTo(ErrorCodes.FIELD_REQUIRED);
    }

    private static void clear(TraceEvent event, String path) {
        if (path.startsWith(StandardFields.CERTIFICATES_PREFIX)) {
            String type = path.substring(StandardFields.CERTIFICATES_PREFIX.length());
            event.getCertificates().getCertificate().removeIf(c -> c.getType().name().equals(type));
            return;
        }
        switch (path) {
            case "traceCode" -> event.setTraceCode(null);
            case "time" -> event.setTime(null);
            case "quantity" -> event.setQuantity(null);
            case "operator.uscc" -> event.getOperator().setUscc(null);
            case "operator.name" -> event.getOperator().setName(null);
            default -> setNull(event, path);
        }
    }

    private static void setNull(TraceEvent event, String path) {
        try {
            String[] segments = path.split("\\.");
            Object target = event;
            for (int i = 0; i < segments.length - 1; i++) {
                java.lang.reflect.Field f = target.getClass().getDeclaredField(segments[i]);
                f.setAccessible(true);
                target = f.get(target);
            }
            java.lang.reflect.Field leaf = target.getClass().getDeclaredField(segments[segments.length - 1]);
            leaf.setAccessible(true);
            leaf.set(target, null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(path, e);
        }
    }
}
