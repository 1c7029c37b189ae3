package org.tracehub.schemas.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tracehub.schemas.TestEvents;
import org.tracehub.schemas.standard.v1.Category;
import org.tracehub.schemas.standard.v1.CertificateType;
import org.tracehub.schemas.standard.v1.Certificates;
import org.tracehub.schemas.standard.v1.Extension;
import org.tracehub.schemas.standard.v1.MeatExtension;
import org.tracehub.schemas.standard.v1.Party;
import org.tracehub.schemas.standard.v1.Product;
import org.tracehub.schemas.standard.v1.Step;
import org.tracehub.schemas.standard.v1.TraceEvent;
import org.tracehub.schemas.standard.v1.VegetableExtension;
import org.tracehub.schemas.validation.ErrorCodes;
import org.tracehub.schemas.validation.Finding;
import org.tracehub.schemas.validation.RegionCodeValidator;
import org.tracehub.schemas.validation.Severity;
import org.tracehub.schemas.validation.TraceCodeValidator;

class EventRulesTest {

    private final EventRules rules = new EventRules(TestEvents.CLOCK);

    @Test
    void passesACompleteMeatWholesaleEvent() {
        assertThat(rules.check(TestEvents.meatWholesale())).isEmpty();
    }

    // ----- certificates (meat) -----

    @Test
    void requiresACertificateForMeatWholesale() {
        TraceEvent event = TestEvents.meatWholesale();
        event.setCertificates(null);

        assertThat(rules.check(event)).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(ErrorCodes.CERTIFICATE_REQUIRED);
            assertThat(f.field()).isEqualTo("certificates.ANIMAL_QUARANTINE");
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
        });
    }

    @ParameterizedTest
    @EnumSource(value = Step.class, names = {"SLAUGHTER", "WHOLESALE", "MARKET_ENTRY", "RETAIL_ENTRY", "SHIP"})
    void requiresACertificateForEveryMeatStepThatMovesALot(Step step) {
        TraceEvent event = TestEvents.meatWholesale();
        event.setStep(step);
        event.setCertificates(new Certificates());
        // slaughter also needs the live animals' origin quarantine certificate; that is tested on its own
        event.getCertificates().getCertificate().add(TestEvents.certificate(CertificateType.ORIGIN_QUARANTINE, "CY3101"));

        assertThat(codes(rules.check(event))).containsExactly(ErrorCodes.CERTIFICATE_REQUIRED);
    }

    @ParameterizedTest
    @CsvSource({"1, true", "0, false"})
    void aSlaughterLotFoundPositiveIsDetainedWithoutCertificatesAndItsRecordIsStillAccepted(int positives, boolean accepted) {
        TraceEvent event = TestEvents.meatWholesale();
        event.setStep(Step.SLAUGHTER);
        event.setCertificates(new Certificates());
        event.getCertificates().getCertificate().add(TestEvents.certificate(CertificateType.ORIGIN_QUARANTINE, "CY3101"));
        MeatExtension meat = new MeatExtension();
        meat.setHeadCount(BigInteger.valueOf(24));
        meat.setSampledHeadCount(BigInteger.valueOf(24));
        meat.setPositiveCount(BigInteger.valueOf(positives));
        Extension extension = new Extension();
        extension.setMeat(meat);
        event.setExtension(extension);

        assertThat(codes(rules.check(event))).isEqualTo(accepted ? List.of() : List.of(ErrorCodes.CERTIFICATE_REQUIRED));
    }

    @Test
    void aLotFoundPositiveStillNeedsItsCertificateOnceItMovesOn() {
        TraceEvent event = TestEvents.meatWholesale();
        event.setCertificates(null);
        MeatExtension meat = new MeatExtension();
        meat.setPositiveCount(BigInteger.ONE);
        Extension extension = new Extension();
        extension.setMeat(meat);
        event.setExtension(extension);

        assertThat(codes(rules.check(event))).contains(ErrorCodes.CERTIFICATE_REQUIRED);
    }

    @ParameterizedTest
    @EnumSource(value = CertificateType.class, names = {"ANIMAL_QUARANTINE", "MEAT_QUALITY"})
    void acceptsEitherOfTheTwoMeatCertificatesAlone(CertificateType type) {
        TraceEvent event = TestEvents.meatWholesale();
        event.getCertificates().getCertificate().removeIf(c -> c.getType() != type);

        assertThat(rules.check(event)).isEmpty();
    }

    @Test
    void doesNotCountOtherCertificatesOrBlankNumbers() {
        TraceEvent event = TestEvents.meatWholesale();
        event.setCertificates(new Certificates());
        event.getCertificates().getCertificate().add(TestEvents.certificate(CertificateType.ORIGIN, "CD2024"));
        event.getCertificates().getCertificate().add(TestEvents.certificate(CertificateType.ANIMAL_QUARANTINE, "  "));

        assertThat(codes(rules.check(event))).containsExactly(ErrorCodes.CERTIFICATE_REQUIRED);
    }

    @Test
    void doesNotRequireCertificatesForMeatRetailSale() {
        TraceEvent event = TestEvents.meatWholesale();
        event.setStep(Step.RETAIL_SALE);
        event.setCertificates(null);

        assertThat(rules.check(event)).isEmpty();
    }

    @Test
    void doesNotRequireMeatCertificatesForVegetables() {
        TraceEvent event = TestEvents.meatWholesale();
        event.setCategory(Category.VEGETABLE);
        event.setExtension(null);
        event.setCertificates(null);

        assertThat(rules.check(event)).isEmpty();
    }

    // ----- quantity, time, inputs -----

    @ParameterizedTest
    @ValueSource(strings = {"-1", "0", "0.000", "-0.5"})
    void rejectsQuantityThatIsNotPositive(String value) {
        TraceEvent event = TestEvents.meatWholesale();
        event.setQuantity(TestEvents.quantity(value, "KGM"));

        assertThat(rules.check(event)).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(ErrorCodes.QUANTITY_NOT_POSITIVE);
            assertThat(f.field()).isEqualTo("quantity");
            assertThat(f.value()).isEqualTo(new BigDecimal(value).toPlainString());
            assertThat(f.isError()).isTrue();
        });
    }

    @Test
    void acceptsAnEventWithoutQuantity() {
        TraceEvent event = TestEvents.meatWholesale();
        event.setQuantity(null);

        assertThat(rules.check(event)).isEmpty();
    }

    @Test
    void rejectsTimeInTheFuture() {
        TraceEvent event = TestEvents.meatWholesale();
        event.setTime(TestEvents.NOW.plusHours(1));

        assertThat(rules.check(event)).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(ErrorCodes.TIME_IN_FUTURE);
            assertThat(f.field()).isEqualTo("time");
            assertThat(f.isError()).isTrue();
        });
    }

    @Test
    void toleratesTenMinutesOfClockSkew() {
        TraceEvent event = TestEvents.meatWholesale();
        event.setTime(TestEvents.NOW.plusMinutes(10));

        assertThat(rules.check(event)).isEmpty();

        event.setTime(TestEvents.NOW.plusMinutes(10).plusSeconds(1));
        assertThat(codes(rules.check(event))).containsExactly(ErrorCodes.TIME_IN_FUTURE);
    }

    @Test
    void comparesTimesAsInstantsWhateverTheirOffset() {
        TraceEvent event = TestEvents.meatWholesale();
        // 05:00 UTC is 13:00 in Shanghai: one hour after the clock's 12:00 +08:00
        event.setTime(TestEvents.NOW.withOffsetSameLocal(ZoneOffset.UTC).withHour(5));

        assertThat(codes(rules.check(event))).containsExactly(ErrorCodes.TIME_IN_FUTURE);
    }

    @Test
    void requiresTime() {
        TraceEvent event = TestEvents.meatWholesale();
        event.setTime(null);

        assertThat(rules.check(event)).extracting(Finding::field, Finding::code)
                .containsExactly(tuple("time", ErrorCodes.FIELD_REQUIRED));
    }

    /**
     * A retail market that records the wholesale trace code as its own batch and lists that code as the input too: the row
     * is sound, only the link to itself is meaningless. A warning that says the row is kept and the input not recorded.
     */
    @Test
    void warnsOfAnInputThatIsTheEventsOwnTraceCodeAndKeepsTheRow() {
        TraceEvent event = TestEvents.meatWholesale();
        event.getInputs().getInput().add(event.getTraceCode());

        assertThat(rules.check(event)).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(ErrorCodes.INPUT_IS_SELF);
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.field()).isEqualTo("inputs");
            assertThat(f.value()).isEqualTo(event.getTraceCode());
            assertThat(f.message()).contains(event.getTraceCode(), "本行已接收", "该来源批次未记录");
        });
    }

    @Test
    void dropsOnlyTheInputThatIsTheEventsOwnTraceCode() {
        TraceEvent event = TestEvents.meatWholesale();
        List<String> others = List.copyOf(event.getInputs().getInput());
        event.getInputs().getInput().add(event.getTraceCode());

        EventRules.dropSelfInputs(event);

        assertThat(others).isNotEmpty();
        assertThat(event.getInputs().getInput()).containsExactlyElementsOf(others);
    }

    /** The XSD wants at least one input in an inputs element: an event whose only input was itself has none. */
    @Test
    void dropsTheInputsOfAnEventWhoseOnlyInputIsItself() {
        TraceEvent event = TestEvents.meatWholesale();
        event.getInputs().getInput().clear();
        event.getInputs().getInput().add(event.getTraceCode());

        EventRules.dropSelfInputs(event);

        assertThat(event.getInputs()).isNull();
        assertThat(rules.check(event)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void requiresTraceCode(String traceCode) {
        TraceEvent event = TestEvents.meatWholesale();
        event.setTraceCode(traceCode);

        assertThat(rules.check(event)).extracting(Finding::field, Finding::code)
                .containsExactly(tuple("traceCode", ErrorCodes.FIELD_REQUIRED));
    }

    // ----- parties -----

    @Test
    void rejectsOperatorCodeWithForbiddenSymbolOnTheOperatorField() {
        TraceEvent event = TestEvents.meatWholesale();
        event.getOperator().setUscc("9111000060003IOZSV");

        assertThat(rules.check(event)).singleElement().satisfies(f -> {
            assertThat(f.field()).isEqualTo("operator.uscc");
            assertThat(f.code()).isEqualTo(ErrorCodes.USCC_CHARACTER);
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.value()).isEqualTo("9111000060003IOZSV");
        });
    }

    @Test
    void warnsAboutCounterpartyCodeWithWrongCheckDigitOnTheCounterpartyField() {
        TraceEvent event = TestEvents.meatWholesale();
        event.getCounterparty().setUscc("91350100M0001TGQXM");

        assertThat(rules.check(event)).singleElement().satisfies(f -> {
            assertThat(f.field()).isEqualTo("counterparty.uscc");
            assertThat(f.code()).isEqualTo(ErrorCodes.USCC_CHECK_DIGIT);
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
        });
    }

    @Test
    void requiresAnOperator() {
        TraceEvent event = TestEvents.meatWholesale();
        event.setOperator(null);

        assertThat(rules.check(event)).extracting(Finding::field, Finding::code)
                .containsExactly(tuple("operator.uscc", ErrorCodes.FIELD_REQUIRED));

        event.setOperator(new Party());
        assertThat(codes(rules.check(event))).containsExactly(ErrorCodes.FIELD_REQUIRED);
    }

    @Test
    void acceptsAnOperatorKnownOnlyByName() {
        TraceEvent event = TestEvents.meatWholesale();
        event.getOperator().setUscc(null);

        assertThat(rules.check(event)).isEmpty();
    }

    @Test
    void acceptsAnEventWithoutCounterparty() {
        TraceEvent event = TestEvents.meatWholesale();
        event.setCounterparty(null);

        assertThat(rules.check(event)).isEmpty();
    }

    // ----- product and origin -----

    @Test
    void rejectsGtinWithWrongCheckDigit() {
        TraceEvent event = TestEvents.meatWholesale();
        event.setProduct(new Product());
        event.getProduct().setGtin("7501031311308");

        assertThat(rules.check(event)).extracting(Finding::field, Finding::code, Finding::severity)
                .containsExactly(tuple("product.gtin", ErrorCodes.GTIN_CHECK_DIGIT, Severity.ERROR));
    }

    @Test
    void acceptsAnInStoreGtinOfWeighedMeat() {
        TraceEvent event = TestEvents.meatWholesale();
        event.getProduct().setGtin("2000000000008");

        assertThat(rules.check(event)).isEmpty();
    }

    @Test
    void warnsAboutRetiredOrNoLongerCurrentOriginAndRejectsUnknownOne() {
        TraceEvent event = TestEvents.meatWholesale();

        event.setOrigin("310103");
        assertThat(rules.check(event)).extracting(Finding::field, Finding::code, Finding::severity)
                .containsExactly(tuple("origin", ErrorCodes.REGION_UNKNOWN, Severity.WARNING));

        event.setOrigin("371202");
        assertThat(rules.check(event)).extracting(Finding::field, Finding::code, Finding::severity)
                .containsExactly(tuple("origin", ErrorCodes.REGION_NOT_CURRENT, Severity.WARNING));

        event.setOrigin("999999");
        assertThat(rules.check(event)).extracting(Finding::field, Finding::code, Finding::severity)
                .containsExactly(tuple("origin", ErrorCodes.REGION_UNKNOWN, Severity.ERROR));
    }

    /** 310108 闸北区 was retired in 2015: a record of 2014 carried the current code of its day. */
    @Test
    void acceptsARetiredOriginWithoutAWarningOnARecordFromBeforeItsRetirement() {
        TraceEvent event = TestEvents.meatWholesale();
        event.setOrigin("310108");
        event.setTime(OffsetDateTime.of(2014, 6, 3, 8, 0, 0, 0, ZoneOffset.ofHours(8)));

        assertThat(rules.check(event)).isEmpty();
    }

    @Test
    void warnsAboutARetiredOriginOnARecordFromAfterItsRetirementNamingTheCurrentCode() {
        TraceEvent event = TestEvents.meatWholesale();
        event.setOrigin("310108");
        event.setTime(OffsetDateTime.of(2016, 6, 3, 8, 0, 0, 0, ZoneOffset.ofHours(8)));

        assertThat(rules.check(event)).extracting(Finding::field, Finding::code, Finding::severity, Finding::message)
                .containsExactly(tuple("origin", ErrorCodes.REGION_UNKNOWN, Severity.WARNING,
                        "行政区划代码310108（闸北区）已于2015年撤销，请更新为现行代码310106（静安区）"));
    }

    @Test
    void acceptsAnOriginTheDeploymentAddedToTheTableAndRejectsItWithout() {
        TraceEvent event = TestEvents.meatWholesale();
        event.setOrigin("310199");
        EventRules extended = new EventRules(TestEvents.CLOCK, TraceCodeValidator.opaque(),
                RegionCodeValidator.withExtraCodes(Map.of("310199", "新设区")));

        assertThat(extended.check(event)).isEmpty();
        assertThat(extended.withTraceCodes(TraceCodeValidator.opaque()).check(event)).as("kept by a source's rules").isEmpty();
        assertThat(rules.check(event)).extracting(Finding::code, Finding::severity)
                .containsExactly(tuple(ErrorCodes.REGION_UNKNOWN, Severity.ERROR));
    }

    /** One value against its field's validator, as a mapping spec's constants are checked when the spec is loaded. */
    @Test
    void checksOneValueWithTheValidatorOfItsField() {
        assertThat(rules.checkIdentifier("origin", "999999")).extracting(Finding::field, Finding::code, Finding::severity)
                .containsExactly("origin", ErrorCodes.REGION_UNKNOWN, Severity.ERROR);
        assertThat(rules.checkIdentifier("operator.uscc", "91110000600037341N")).extracting(Finding::code, Finding::severity)
                .containsExactly(ErrorCodes.USCC_CHECK_DIGIT, Severity.WARNING);
        assertThat(rules.checkIdentifier("product.gtin", "6901234567892")).as("valid").isNull();
        assertThat(rules.checkIdentifier("product.name", "6901234567890")).as("no validator for the field").isNull();
    }

    @Test
    void reportsEveryProblemOfAnEventAtOnce() {
        TraceEvent event = TestEvents.meatWholesale();
        event.getOperator().setUscc("9111000060003IOZSV");
        event.setQuantity(TestEvents.quantity("-3", "KGM"));
        event.setCertificates(null);
        event.setOrigin("31011");

        assertThat(codes(rules.check(event))).containsExactlyInAnyOrder(
                ErrorCodes.USCC_CHARACTER, ErrorCodes.QUANTITY_NOT_POSITIVE,
                ErrorCodes.CERTIFICATE_REQUIRED, ErrorCodes.REGION_FORMAT);
    }

    // ----- plausibility of quantities -----

    @ParameterizedTest
    @CsvSource({"1000000, KGM", "1000, TNE", "1000000, LTR", "1000000, PCE", "100, MPA", "0.001, KGM", "8600, XBO", "120, XPK",
            "1000000, XCS"})
    void acceptsQuantitiesUpToTheUnitsBound(String value, String unit) {
        TraceEvent event = TestEvents.meatWholesale();
        event.setQuantity(TestEvents.quantity(value, unit));

        assertThat(rules.check(event)).isEmpty();
    }

    /** 1,000.001 t is 1,000,001 kg: the same mass, refused whichever unit the file reports it in. */
    @ParameterizedTest
    @CsvSource({"1000000.001, KGM", "1000001, KGM", "1000.001, TNE", "2000, TNE", "2000000, LTR", "1000001, PCE", "100.1, MPA"})
    void rejectsQuantitiesAboveTheUnitsBoundAsImplausible(String value, String unit) {
        TraceEvent event = TestEvents.meatWholesale();
        event.setQuantity(TestEvents.quantity(value, unit));

        assertThat(rules.check(event)).singleElement().satisfies(f -> {
            assertThat(f.field()).isEqualTo("quantity");
            assertThat(f.code()).isEqualTo(ErrorCodes.QUANTITY_IMPLAUSIBLE);
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.value()).isEqualTo(value);
            assertThat(f.message()).contains("请核对计量单位");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"GRM", "MTQ", "kgm", "XX", "BO", "xbo"})
    void rejectsAQuantityWhoseUnitIsNotAStandardUnit(String unit) {
        TraceEvent event = TestEvents.meatWholesale();
        event.setQuantity(TestEvents.quantity("5", unit));

        assertThat(rules.check(event)).extracting(Finding::field, Finding::code, Finding::value)
                .containsExactly(tuple("quantity", ErrorCodes.UNIT_UNKNOWN, unit));
    }

    // ----- extension, identifiers in extensions, trace codes -----

    @Test
    void warnsAboutAnExtensionOfAnotherCategory() {
        TraceEvent event = TestEvents.meatWholesale();
        event.setCategory(Category.DAIRY);
        event.setStep(Step.SHIP);

        assertThat(rules.check(event)).extracting(Finding::field, Finding::code, Finding::severity)
                .containsExactly(tuple("extension.meat", ErrorCodes.EXTENSION_MISMATCH, Severity.WARNING));
    }

    @Test
    void warnsAboutAnyExtensionOnACategoryThatHasNone() {
        TraceEvent event = TestEvents.meatWholesale();
        event.setCategory(Category.FRUIT);

        assertThat(codes(rules.check(event))).containsExactly(ErrorCodes.EXTENSION_MISMATCH);
    }

    /** A spec copied from the vegetable one keeps extension.vegetable.stallNo: the XSD's choice holds one block. */
    @Test
    void refusesAnEventWithTwoExtensionBlocksNamingTheOtherBlocksFields() {
        TraceEvent event = TestEvents.meatWholesale();
        VegetableExtension vegetable = new VegetableExtension();
        vegetable.setStallNo("A-017");
        event.getExtension().setVegetable(vegetable);

        assertThat(rules.check(event)).singleElement().satisfies(f -> {
            assertThat(f.field()).isEqualTo("extension.vegetable");
            assertThat(f.code()).isEqualTo(ErrorCodes.EXTENSION_BLOCKS_SEVERAL);
            assertThat(f.isError()).isTrue();
            assertThat(f.message()).startsWith("一条记录只能有一个品类的扩展信息").contains("extension.vegetable.stallNo");
        });
    }

    @Test
    void twoBlocksNeitherTheCategorysAreAMismatchAndAnError() {
        TraceEvent event = TestEvents.meatWholesale();
        event.setCategory(Category.DAIRY);
        event.setStep(Step.SHIP);
        VegetableExtension vegetable = new VegetableExtension();
        vegetable.setStallNo("A-017");
        event.getExtension().setVegetable(vegetable);

        assertThat(rules.check(event)).extracting(Finding::field, Finding::code, Finding::severity).containsExactly(
                tuple("extension.meat", ErrorCodes.EXTENSION_MISMATCH, Severity.WARNING),
                tuple("extension.vegetable", ErrorCodes.EXTENSION_BLOCKS_SEVERAL, Severity.ERROR));
    }

    // ----- dates of things done, units of a step -----

    /** 2024-05-21 typed for 2024-05-20: the public page would show milk produced tomorrow; the row is kept. */
    @Test
    void warnsAboutAProductionDateLaterThanToday() {
        TraceEvent event = TestEvents.complete(Category.DAIRY, Step.PROCESS);
        event.getExtension().getDairy().setProductionDate(LocalDate.of(2024, 5, 21));

        assertThat(rules.check(event)).singleElement().satisfies(f -> {
            assertThat(f.field()).isEqualTo("extension.dairy.productionDate");
            assertThat(f.code()).isEqualTo(ErrorCodes.DATE_IN_FUTURE);
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.value()).isEqualTo("2024-05-21");
            assertThat(f.message()).startsWith("生产日期“2024-05-21”晚于今天");
        });

        event.getExtension().getDairy().setProductionDate(LocalDate.of(2024, 5, 20));
        assertThat(rules.check(event)).isEmpty();
    }

    @Test
    void warnsAboutATestDateLaterThanTodayOfMeatAndVegetables() {
        TraceEvent meat = TestEvents.meatWholesale();
        meat.getExtension().getMeat().setTestDate(LocalDate.of(2027, 9, 17));
        TraceEvent vegetable = TestEvents.complete(Category.VEGETABLE, Step.WHOLESALE);
        vegetable.getExtension().getVegetable().setTestDate(LocalDate.of(2024, 5, 21));

        assertThat(rules.check(meat)).extracting(Finding::field, Finding::code, Finding::severity)
                .containsExactly(tuple("extension.meat.testDate", ErrorCodes.DATE_IN_FUTURE, Severity.WARNING));
        assertThat(rules.check(vegetable)).extracting(Finding::field, Finding::code)
                .containsExactly(tuple("extension.vegetable.testDate", ErrorCodes.DATE_IN_FUTURE));
    }

    /**
     * Today is Shanghai's, with the ten minutes of skew {@code time} has: at 23:55 in Shanghai tomorrow's date passes, the
     * day after does not — on a clock running in UTC, as the CLI's does.
     */
    @Test
    void aDateIsInTheFutureByShanghaisDayWithTheToleranceOfTime() {
        Clock lateEvening = Clock.fixed(OffsetDateTime.of(2024, 5, 20, 23, 55, 0, 0, TestEvents.SHANGHAI).toInstant(), ZoneOffset.UTC);
        EventRules late = new EventRules(lateEvening);
        TraceEvent event = TestEvents.complete(Category.DAIRY, Step.PROCESS);

        event.getExtension().getDairy().setDeliveryDate(LocalDate.of(2024, 5, 21));
        assertThat(late.check(event)).isEmpty();

        event.getExtension().getDairy().setDeliveryDate(LocalDate.of(2024, 5, 22));
        assertThat(codes(late.check(event))).containsExactly(ErrorCodes.DATE_IN_FUTURE);

        // 06:00 in Shanghai is 22:00 of the day before in UTC: the 21st is today, not tomorrow
        Clock earlyMorning = Clock.fixed(OffsetDateTime.of(2024, 5, 21, 6, 0, 0, 0, TestEvents.SHANGHAI).toInstant(), ZoneOffset.UTC);
        event.getExtension().getDairy().setDeliveryDate(LocalDate.of(2024, 5, 21));
        assertThat(new EventRules(earlyMorning).check(event)).isEmpty();
    }

    @Test
    void warnsAboutADepartureOrArrivalLaterThanNowWithTheToleranceOfTime() {
        TraceEvent event = TestEvents.complete(Category.DAIRY, Step.COLLECT);
        event.getExtension().getDairy().setDepartureTime(TestEvents.NOW.plusMinutes(10));
        event.getExtension().getDairy().setArrivalTime(TestEvents.NOW.plusHours(2));

        assertThat(rules.check(event)).extracting(Finding::field, Finding::code, Finding::severity)
                .containsExactly(tuple("extension.dairy.arrivalTime", ErrorCodes.DATE_IN_FUTURE, Severity.WARNING));
    }

    @Test
    void aNextInspectionDateIsMeantToLieAhead() {
        TraceEvent event = TestEvents.complete(Category.ELEVATOR, Step.MAINTAIN);
        event.getExtension().getElevator().setNextInspectionDate(LocalDate.of(2030, 1, 1));

        assertThat(rules.check(event)).isEmpty();
    }

    /** STANDARDS.md: raw milk is collected by weight, a cylinder filled in kg or L; other steps state no unit. */
    @Test
    void warnsAboutAQuantityInAUnitItsStepIsNotRecordedIn() {
        TraceEvent milk = TestEvents.complete(Category.DAIRY, Step.COLLECT);
        milk.setQuantity(TestEvents.quantity("5000", "LTR"));
        TraceEvent cylinder = TestEvents.complete(Category.GAS_CYLINDER, Step.FILL);
        cylinder.setQuantity(TestEvents.quantity("1", "PCE"));

        assertThat(rules.check(milk)).singleElement().satisfies(f -> {
            assertThat(f.field()).isEqualTo("quantity");
            assertThat(f.code()).isEqualTo(ErrorCodes.QUANTITY_UNIT_UNUSUAL);
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.message()).contains("千克或吨").contains("升");
        });
        assertThat(rules.check(cylinder)).extracting(Finding::code, Finding::severity)
                .containsExactly(tuple(ErrorCodes.QUANTITY_UNIT_UNUSUAL, Severity.WARNING));

        milk.setQuantity(TestEvents.quantity("5", "TNE"));
        cylinder.setQuantity(TestEvents.quantity("35", "LTR"));
        assertThat(rules.check(milk)).isEmpty();
        assertThat(rules.check(cylinder)).isEmpty();
        TraceEvent retail = TestEvents.complete(Category.DAIRY, Step.RETAIL_SALE);
        retail.setQuantity(TestEvents.quantity("12", "PCE"));
        assertThat(rules.check(retail)).isEmpty();
    }

    @Test
    void checksTheElevatorsCodesByTheirOwnRules() {
        TraceEvent event = TestEvents.complete(Category.ELEVATOR, Step.MAINTAIN);
        event.getExtension().getElevator().setRegistrationCode("61603101012006010101");
        event.getExtension().getElevator().setEquipmentCode("311031001209900012");

        assertThat(rules.check(event)).extracting(Finding::field, Finding::code).containsExactly(
                tuple("extension.elevator.equipmentCode", ErrorCodes.EQUIPMENT_CODE_DATE),
                tuple("extension.elevator.registrationCode", ErrorCodes.EQUIPMENT_CODE_FORMAT));
    }

    @Test
    void checksTheMaintainersCreditCode() {
        TraceEvent event = TestEvents.complete(Category.ELEVATOR, Step.MAINTAIN);
        event.getExtension().getElevator().setMaintainer(TestEvents.party("91350100M0001TGQXM", "福州电梯维保", null, null));

        assertThat(rules.check(event)).extracting(Finding::field, Finding::code, Finding::severity)
                .containsExactly(tuple("extension.elevator.maintainer.uscc", ErrorCodes.USCC_CHECK_DIGIT, Severity.WARNING));
    }

    @Test
    void checksCustomsDeclarationsWhereverTheyAre() {
        TraceEvent event = TestEvents.complete(Category.DAIRY, Step.IMPORT);
        event.getExtension().getDairy().setCustomsDeclarationNo("22012024100012345");
        event.getCertificates().getCertificate().removeIf(c -> c.getType() == CertificateType.CUSTOMS_DECLARATION);
        event.getCertificates().getCertificate().add(TestEvents.certificate(CertificateType.CUSTOMS_DECLARATION, "220120302000123456"));

        assertThat(rules.check(event)).extracting(Finding::field, Finding::code).containsExactly(
                tuple("certificates.CUSTOMS_DECLARATION", ErrorCodes.CUSTOMS_DECLARATION_FORMAT),
                tuple("extension.dairy.customsDeclarationNo", ErrorCodes.CUSTOMS_DECLARATION_FORMAT));
    }

    @Test
    void warnsWhenAnImportCarriesAnExportDeclaration() {
        TraceEvent event = TestEvents.complete(Category.DAIRY, Step.IMPORT);
        event.getExtension().getDairy().setCustomsDeclarationNo("020220080525641690");

        assertThat(rules.check(event)).extracting(Finding::field, Finding::code, Finding::severity).containsExactly(
                tuple("extension.dairy.customsDeclarationNo", ErrorCodes.CUSTOMS_DECLARATION_NOT_IMPORT, Severity.WARNING));
    }

    @Test
    void keepsTraceCodesOpaqueByDefault() {
        TraceEvent event = TestEvents.meatWholesale();
        event.setTraceCode("任意格式-any_format#1");

        assertThat(rules.check(event)).isEmpty();
    }

    @Test
    void appliesASourcesTraceCodePattern() {
        EventRules strict = new EventRules(TestEvents.CLOCK, TraceCodeValidator.matching("XJ\\d{12}"));
        TraceEvent event = TestEvents.meatWholesale();

        assertThat(strict.check(event)).isEmpty();

        event.setTraceCode("XJ2024-0520");
        assertThat(strict.check(event)).extracting(Finding::field, Finding::code, Finding::value)
                .containsExactly(tuple("traceCode", ErrorCodes.TRACE_CODE_PATTERN, "XJ2024-0520"));
    }

    @Test
    void withTraceCodesAppliesASourcesPatternToTheEventsOwnCodeOnly() {
        EventRules strict = rules.withTraceCodes(TraceCodeValidator.matching("XJ\\d{12}"));
        TraceEvent event = TestEvents.meatWholesale();
        event.getInputs().getInput().add("SL-other-format");
        event.setTraceCode("XJ2024-0520");

        assertThat(strict.check(event)).extracting(Finding::field, Finding::code)
                .containsExactly(tuple("traceCode", ErrorCodes.TRACE_CODE_PATTERN));
        assertThat(strict.clock()).isSameAs(rules.clock());
    }

    @Test
    void checksInputsAsOpaqueTraceCodesWhateverTheSourcesPattern() {
        EventRules strict = new EventRules(TestEvents.CLOCK, TraceCodeValidator.matching("XJ\\d{12}"));
        TraceEvent event = TestEvents.meatWholesale();
        event.getInputs().getInput().add("SL-other-format");
        event.getInputs().getInput().add("X".repeat(65));

        assertThat(strict.check(event)).extracting(Finding::field, Finding::code)
                .containsExactly(tuple("inputs", ErrorCodes.TRACE_CODE_FORMAT));
    }

    @Test
    void warnsOfAnInputHoldingASeparatorAsPerhapsSeveralLotsTheSpecDidNotSplitButKeepsTheRow() {
        TraceEvent event = TestEvents.meatWholesale();
        event.getInputs().getInput().add("TZ2611260088、TZ2611260091");

        assertThat(rules.check(event)).singleElement().satisfies(f -> {
            assertThat(f.field()).isEqualTo("inputs");
            assertThat(f.code()).isEqualTo(ErrorCodes.INPUT_HOLDS_SEPARATOR);
            assertThat(f.isError()).as("some legacy codes hold one: told, not refused").isFalse();
            assertThat(f.value()).isEqualTo("TZ2611260088、TZ2611260091");
            assertThat(f.message()).contains("来源批次“TZ2611260088、TZ2611260091”含有分隔符“、”", "如为多个来源批次");
        });
        TraceEvent spaced = TestEvents.meatWholesale();
        spaced.getInputs().getInput().add("沪JC 2019 000460");
        assertThat(rules.check(spaced)).extracting(Finding::code).containsExactly(ErrorCodes.INPUT_HOLDS_SEPARATOR);
    }

    private static List<String> codes(List<Finding> findings) {
        return findings.stream().map(Finding::code).toList();
    }
}
