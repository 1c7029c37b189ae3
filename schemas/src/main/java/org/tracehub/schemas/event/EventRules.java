package org.tracehub.schemas.event;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.tracehub.schemas.standard.v1.Category;
import org.tracehub.schemas.standard.v1.Certificate;
import org.tracehub.schemas.standard.v1.CertificateType;
import org.tracehub.schemas.standard.v1.Party;
import org.tracehub.schemas.standard.v1.Step;
import org.tracehub.schemas.standard.v1.TraceEvent;
import org.tracehub.schemas.validation.ErrorCodes;
import org.tracehub.schemas.validation.Finding;
import org.tracehub.schemas.validation.GtinValidator;
import org.tracehub.schemas.validation.RegionCodeValidator;
import org.tracehub.schemas.validation.UsccValidator;
import org.tracehub.schemas.validation.ValidationResult;

/**
 * The standard's rules for one assembled event: required fields per category and step,
 * identifiers by their published algorithms, and plausibility (no future times, positive
 * quantities, no self-referencing inputs).
 */
public final class EventRules {

    /** Clock skew between legacy systems and the hub that is still believed. */
    private static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(10);

    /** Meat steps that move a lot under a certificate: at least one of the two is required. */
    private static final Set<Step> MEAT_CERTIFIED_STEPS = EnumSet.of(
            Step.SLAUGHTER, Step.WHOLESALE, Step.MARKET_ENTRY, Step.RETAIL_ENTRY, Step.SHIP);

    private final Clock clock;
    private final UsccValidator uscc = new UsccValidator();
    private final GtinValidator gtin = new GtinValidator();
    private final RegionCodeValidator region = RegionCodeValidator.instance();

    public EventRules(Clock clock) {
        this.clock = clock;
    }

    public List<Finding> check(TraceEvent event) {
        List<Finding> findings = new ArrayList<>();
        requireText(findings, "traceCode", event.getTraceCode(), "追溯码");
        if (event.getTime() == null) {
            findings.add(Finding.error("time", ErrorCodes.FIELD_REQUIRED, "缺少必填项：时间", null));
        } else if (event.getTime().isAfter(OffsetDateTime.now(clock).plus(FUTURE_TOLERANCE))) {
            findings.add(Finding.error("time", ErrorCodes.TIME_IN_FUTURE, "时间晚于当前时间，请核对", event.getTime().toString()));
        }
        checkParty(findings, "operator", event.getOperator(), true);
        checkParty(findings, "counterparty", event.getCounterparty(), false);
        if (event.getProduct() != null && event.getProduct().getGtin() != null) {
            add(findings, "product.gtin", gtin.validate(event.getProduct().getGtin()));
        }
        if (event.getOrigin() != null) {
            add(findings, "origin", region.validate(event.getOrigin()));
        }
        if (event.getQuantity() != null && event.getQuantity().getValue() != null
                && event.getQuantity().getValue().compareTo(BigDecimal.ZERO) <= 0) {
            findings.add(Finding.error("quantity", ErrorCodes.QUANTITY_NOT_POSITIVE,
                    "数量必须大于0", event.getQuantity().getValue().toPlainString()));
        }
        if (event.getInputs() != null && event.getTraceCode() != null
                && event.getInputs().getInput().contains(event.getTraceCode())) {
            findings.add(Finding.error("inputs", ErrorCodes.INPUT_IS_SELF, "来源批次不能是本批次自身", event.getTraceCode()));
        }
        if (event.getCategory() == Category.MEAT && MEAT_CERTIFIED_STEPS.contains(event.getStep())
                && !hasCertificate(event, CertificateType.ANIMAL_QUARANTINE) && !hasCertificate(event, CertificateType.MEAT_QUALITY)) {
            findings.add(Finding.error(StandardFields.CERTIFICATES_PREFIX + CertificateType.ANIMAL_QUARANTINE.name(),
                    ErrorCodes.CERTIFICATE_REQUIRED, "缺少动物产品检疫合格证号或肉品品质检验合格证号（至少填写一项）", null));
        }
        return findings;
    }

    private void checkParty(List<Finding> findings, String role, Party party, boolean required) {
        if (party == null || (party.getUscc() == null && party.getName() == null)) {
            if (required) {
                findings.add(Finding.error(role + ".uscc", ErrorCodes.FIELD_REQUIRED, "缺少必填项：经营主体统一社会信用代码", null));
            }
            return;
        }
        if (party.getUscc() != null) {
            add(findings, role + ".uscc", uscc.validate(party.getUscc()));
        }
    }

    private static boolean hasCertificate(TraceEvent event, CertificateType type) {
        if (event.getCertificates() == null) {
            return false;
        }
        for (Certificate c : event.getCertificates().getCertificate()) {
            if (c.getType() == type && c.getNumber() != null && !c.getNumber().isBlank()) {
                return true;
            }
        }
        return false;
    }

    private static void requireText(List<Finding> findings, String field, String value, String label) {
        if (value == null || value.isBlank()) {
            findings.add(Finding.error(field, ErrorCodes.FIELD_REQUIRED, "缺少必填项：" + label, null));
        }
    }

    private static void add(List<Finding> findings, String field, ValidationResult result) {
        Finding f = result.toFinding(field);
        if (f != null) {
            findings.add(f);
        }
    }
}
