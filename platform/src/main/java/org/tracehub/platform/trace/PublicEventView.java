package org.tracehub.platform.trace;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.tracehub.platform.operator.OperatorRegistry;
import org.tracehub.schemas.standard.v1.DairyExtension;
import org.tracehub.schemas.standard.v1.ElevatorExtension;
import org.tracehub.schemas.standard.v1.Extension;
import org.tracehub.schemas.standard.v1.GasCylinderExtension;
import org.tracehub.schemas.standard.v1.MeatExtension;
import org.tracehub.schemas.standard.v1.Party;
import org.tracehub.schemas.standard.v1.Step;
import org.tracehub.schemas.standard.v1.TraceEvent;
import org.tracehub.schemas.standard.v1.VegetableExtension;

/**
 * What of a stored event the public may see. A whitelist: every field shown is named here, so a
 * field added to the standard stays private until someone decides otherwise.
 * <ul>
 *   <li>shown: the operator when it has a credit code (name, code, node), a counterparty only when it
 *       has a credit code — an individual business (category 92) by its code and node only, its name being usually its
 *       holder's ({@link ChainEvent#UNNAMED_INDIVIDUAL_BUSINESS}) — product, quantity, origin, certificates, test results, and equipment facts
 *       (identifiers, maintenance type, next inspection, medium, filling pressure);</li>
 *   <li>never shown: cargo owners, farms, inspectors, staff, drivers, escorts, destinations, upstream
 *       suppliers named in free text, cylinder owners, vehicle plates, prices and voucher numbers;</li>
 *   <li>free text that is shown (names, maintenance type, medium …) has phone numbers masked.</li>
 * </ul>
 */
final class PublicEventView {

    /** GB 32100's registration authority 9 (market regulation) and category 2: an individual business. */
    private static final String INDIVIDUAL_BUSINESS_CATEGORY = "92";

    private PublicEventView() {
    }

    /** The columns of a {@code trace_event} row (with its operator and product joined) the view is built from. */
    record StoredEvent(String eventId, String traceCode, String category, String step, OffsetDateTime time,
                       String operatorUscc, String operatorName, String nodeType, String productCode, String productName,
                       BigDecimal quantity, String unit, String origin, String registeredName, String registeredNodeCode,
                       String catalogName, String catalogGtin) {
    }

    static ChainEvent of(StoredEvent row, TraceEvent full, ChainEvent.Relation relation, int depth) {
        Party operator = full.getOperator();
        boolean business = row.operatorUscc() != null;
        String operatorName = business ? shownName(row.operatorUscc(), firstNonNull(row.operatorName(), row.registeredName())) : null;
        String nodeCode = business ? firstNonNull(operator == null ? null : operator.getNodeCode(), row.registeredNodeCode()) : null;
        String productName = PersonalDataMask.mask(firstNonNull(row.productName(), row.catalogName()));
        String gtin = firstNonNull(full.getProduct() == null ? null : full.getProduct().getGtin(), row.catalogGtin());
        List<ChainEvent.Certificate> certificates = full.getCertificates() == null ? List.of()
                : full.getCertificates().getCertificate().stream()
                        .map(c -> new ChainEvent.Certificate(c.getType().name(), c.getNumber())).toList();
        List<String> inputs = full.getInputs() == null ? List.of() : List.copyOf(full.getInputs().getInput());
        List<ChainEvent.TestResult> tests = new ArrayList<>();
        List<ChainEvent.Fact> facts = new ArrayList<>();
        extensionFacts(full.getExtension(), full.getStep(), tests, facts);
        // the time as reported, with its offset: PostgreSQL hands the column back in UTC (a 07:30 sale became 23:30Z)
        OffsetDateTime time = full.getTime() != null ? full.getTime() : row.time();
        return new ChainEvent(row.eventId(), row.traceCode(), row.category(), row.step(), time, row.operatorUscc(),
                operatorName, nodeCode, business ? row.nodeType() : null, counterparty(full.getCounterparty()), row.productCode(),
                productName, gtin, plain(row.quantity()), row.unit(), row.origin(),
                RegionNames.fullName(row.origin()), certificates, List.copyOf(tests), List.copyOf(facts), inputs, relation, depth);
    }

    /** Only a business (a party with a credit code) is named; anyone else may be a private person. */
    static ChainEvent.Business counterparty(Party party) {
        if (!OperatorRegistry.isBusiness(party)) {
            return null;
        }
        return new ChainEvent.Business(party.getUscc(), shownName(party.getUscc(), party.getName()),
                party.getNodeType() == null ? null : party.getNodeType().name());
    }

    /** A business's name as the public sees it: phone numbers masked, an individual business's left out. */
    private static String shownName(String uscc, String name) {
        if (name != null && uscc != null && uscc.strip().startsWith(INDIVIDUAL_BUSINESS_CATEGORY)) {
            return ChainEvent.UNNAMED_INDIVIDUAL_BUSINESS;
        }
        return PersonalDataMask.mask(name);
    }

    private static void extensionFacts(Extension extension, Step step, List<ChainEvent.TestResult> tests, List<ChainEvent.Fact> facts) {
        if (extension == null) {
            return;
        }
        if (extension.getMeat() != null) {
            meat(extension.getMeat(), tests, facts);
        }
        if (extension.getVegetable() != null) {
            vegetable(extension.getVegetable(), tests, facts);
        }
        if (extension.getDairy() != null) {
            dairy(extension.getDairy(), step, tests, facts);
        }
        if (extension.getElevator() != null) {
            elevator(extension.getElevator(), facts);
        }
        if (extension.getGasCylinder() != null) {
            gasCylinder(extension.getGasCylinder(), tests, facts);
        }
    }

    private static void meat(MeatExtension m, List<ChainEvent.TestResult> tests, List<ChainEvent.Fact> facts) {
        fact(facts, FactKeys.HEAD_COUNT, m.getHeadCount());
        fact(facts, FactKeys.SAMPLED_HEAD_COUNT, m.getSampledHeadCount());
        // no positive head among none sampled is no test: 合格 would claim one that never happened
        boolean sampled = m.getSampledHeadCount() != null && m.getSampledHeadCount().signum() > 0;
        if (m.getPositiveCount() != null && (sampled || m.getPositiveCount().signum() > 0)) {
            String result = m.getPositiveCount().signum() == 0 ? "PASS" : "FAIL";
            tests.add(new ChainEvent.TestResult(TestItems.SLAUGHTER_SAMPLING, result, new BigDecimal(m.getPositiveCount()), null));
        }
        fact(facts, FactKeys.STALL_NO, m.getStallNo());
    }

    private static void vegetable(VegetableExtension v, List<ChainEvent.TestResult> tests, List<ChainEvent.Fact> facts) {
        if (v.getPesticideTestResult() != null || v.getPesticideInhibitionRate() != null) {
            tests.add(new ChainEvent.TestResult(TestItems.PESTICIDE_RESIDUE,
                    v.getPesticideTestResult() == null ? null : v.getPesticideTestResult().name(), v.getPesticideInhibitionRate(), "%"));
        }
        fact(facts, FactKeys.STALL_NO, v.getStallNo());
    }

    private static void dairy(DairyExtension d, Step step, List<ChainEvent.TestResult> tests, List<ChainEvent.Fact> facts) {
        if (d.getTestResult() != null) {
            // the same field is the raw milk's test at the station, the product's release test at the plant, the border's
            String item = step == Step.COLLECT ? TestItems.MILK_QUALITY : step == Step.IMPORT ? TestItems.IMPORT_INSPECTION
                    : TestItems.PRODUCT_RELEASE;
            tests.add(new ChainEvent.TestResult(item, d.getTestResult().name(), null, null));
        }
        measured(tests, TestItems.MILK_PROTEIN, d.getProteinPercent(), "%");
        measured(tests, TestItems.MILK_FAT, d.getFatPercent(), "%");
        measured(tests, TestItems.MILK_ACIDITY, d.getAcidityDegreeT(), "°T");
        measured(tests, TestItems.MILK_DENSITY, d.getDensity(), null);
        fact(facts, FactKeys.PRODUCTION_DATE, d.getProductionDate());
        fact(facts, FactKeys.SHELF_LIFE_DAYS, d.getShelfLifeDays());
        // the foreign exporter of imported milk powder is a company by definition
        fact(facts, FactKeys.EXPORTER, d.getExporter());
    }

    private static void elevator(ElevatorExtension e, List<ChainEvent.Fact> facts) {
        fact(facts, FactKeys.EQUIPMENT_CODE, e.getEquipmentCode());
        fact(facts, FactKeys.REGISTRATION_CODE, e.getRegistrationCode());
        fact(facts, FactKeys.EMERGENCY_CODE, e.getEmergencyCode());
        fact(facts, FactKeys.MAINTENANCE_TYPE, e.getMaintenanceType());
        fact(facts, FactKeys.NEXT_INSPECTION_DATE, e.getNextInspectionDate());
    }

    private static void gasCylinder(GasCylinderExtension g, List<ChainEvent.TestResult> tests, List<ChainEvent.Fact> facts) {
        fact(facts, FactKeys.CYLINDER_CODE, g.getCylinderCode());
        fact(facts, FactKeys.REGISTRATION_CERTIFICATE_NO, g.getRegistrationCertificateNo());
        fact(facts, FactKeys.MEDIUM, g.getMedium());
        fact(facts, FactKeys.PRESSURE_AFTER_FILLING_MPA, g.getPressureAfterFillingMPa());
        fact(facts, FactKeys.NEXT_INSPECTION_DATE, g.getNextInspectionDate());
        if (g.getPreFillCheck() != null) {
            tests.add(new ChainEvent.TestResult(TestItems.PRE_FILL_CHECK, g.getPreFillCheck().name(), null, null));
        }
        if (g.getPostFillCheck() != null) {
            tests.add(new ChainEvent.TestResult(TestItems.POST_FILL_CHECK, g.getPostFillCheck().name(), null, null));
        }
    }

    private static void measured(List<ChainEvent.TestResult> tests, String item, BigDecimal value, String unit) {
        if (value != null) {
            tests.add(new ChainEvent.TestResult(item, null, plain(value), unit));
        }
    }

    /**
     * The value without trailing zeros (the store keeps six decimals: 600.000000) and never with a negative scale, which
     * stripping gives a whole number ending in zeros (6E+2): JSON writers print a BigDecimal as its toString, and a
     * phone's page or a consumer's script would read 6E+2 kg.
     */
    static BigDecimal plain(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static void fact(List<ChainEvent.Fact> facts, String key, Object value) {
        if (value == null) {
            return;
        }
        String text = value instanceof BigDecimal d ? d.stripTrailingZeros().toPlainString()
                : value instanceof BigInteger ? value.toString()
                : PersonalDataMask.mask(value.toString());
        if (!text.isBlank()) {
            facts.add(new ChainEvent.Fact(key, text));
        }
    }

    private static String firstNonNull(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }
}
