package org.tracehub.platform.trace;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Consumer;
import org.tracehub.schemas.event.EventIds;
import org.tracehub.schemas.standard.v1.Category;
import org.tracehub.schemas.standard.v1.Certificate;
import org.tracehub.schemas.standard.v1.CertificateType;
import org.tracehub.schemas.standard.v1.Certificates;
import org.tracehub.schemas.standard.v1.ElevatorExtension;
import org.tracehub.schemas.standard.v1.Extension;
import org.tracehub.schemas.standard.v1.GasCylinderExtension;
import org.tracehub.schemas.standard.v1.Inputs;
import org.tracehub.schemas.standard.v1.MeatExtension;
import org.tracehub.schemas.standard.v1.NodeType;
import org.tracehub.schemas.standard.v1.Party;
import org.tracehub.schemas.standard.v1.Product;
import org.tracehub.schemas.standard.v1.Provenance;
import org.tracehub.schemas.standard.v1.Quantity;
import org.tracehub.schemas.standard.v1.Step;
import org.tracehub.schemas.standard.v1.TraceEvent;

/** Builds standard trace events for store and chain tests; the event id is derived like a mapping would. */
final class ChainEvents {

    static final String FARM = "91620105L015101280";
    static final String SLAUGHTERHOUSE = "91310112087994932F";
    static final String WHOLESALER = "91310000631696382C";
    static final String SUPERMARKET = "91310115MA1K3BTP2B";
    static final String MAINTAINER = "91310110666007217T";

    private final TraceEvent e = new TraceEvent();

    private ChainEvents(Category category, String code, Step step, String time) {
        e.setCategory(category);
        e.setTraceCode(code);
        e.setStep(step);
        e.setTime(OffsetDateTime.parse(time));
        e.setEventId(EventIds.of("test-source", List.of(code, step.name(), time)));
        Provenance p = new Provenance();
        p.setSourceId("test-source");
        p.setRow(BigInteger.valueOf(3));
        e.setProvenance(p);
    }

    static ChainEvents meat(String code, Step step, String time) {
        return new ChainEvents(Category.MEAT, code, step, time);
    }

    static ChainEvents of(Category category, String code, Step step, String time) {
        return new ChainEvents(category, code, step, time);
    }

    ChainEvents row(int row) {
        e.getProvenance().setRow(BigInteger.valueOf(row));
        return this;
    }

    ChainEvents operator(String uscc, String name, NodeType nodeType) {
        e.setOperator(party(uscc, name, nodeType));
        return this;
    }

    ChainEvents counterparty(String uscc, String name, NodeType nodeType) {
        e.setCounterparty(party(uscc, name, nodeType));
        return this;
    }

    ChainEvents inputs(String... codes) {
        Inputs in = new Inputs();
        in.getInput().addAll(List.of(codes));
        e.setInputs(in);
        return this;
    }

    ChainEvents product(String code, String name) {
        Product p = new Product();
        p.setCode(code);
        p.setName(name);
        e.setProduct(p);
        return this;
    }

    ChainEvents quantity(String value, String unit) {
        Quantity q = new Quantity();
        q.setValue(new BigDecimal(value));
        q.setUnit(unit);
        e.setQuantity(q);
        return this;
    }

    ChainEvents origin(String region) {
        e.setOrigin(region);
        return this;
    }

    ChainEvents certificate(CertificateType type, String number) {
        if (e.getCertificates() == null) {
            e.setCertificates(new Certificates());
        }
        Certificate c = new Certificate();
        c.setType(type);
        c.setNumber(number);
        e.getCertificates().getCertificate().add(c);
        return this;
    }

    ChainEvents meatExtension(Consumer<MeatExtension> fill) {
        MeatExtension m = new MeatExtension();
        fill.accept(m);
        Extension x = new Extension();
        x.setMeat(m);
        e.setExtension(x);
        return this;
    }

    ChainEvents elevator(String equipmentCode, String registrationCode, String emergencyCode, String maintenanceType,
                         LocalDate nextInspection) {
        ElevatorExtension el = new ElevatorExtension();
        el.setEquipmentCode(equipmentCode);
        el.setRegistrationCode(registrationCode);
        el.setEmergencyCode(emergencyCode);
        el.setMaintenanceType(maintenanceType);
        el.setNextInspectionDate(nextInspection);
        Extension x = new Extension();
        x.setElevator(el);
        e.setExtension(x);
        return this;
    }

    ChainEvents gasCylinder(String cylinderCode, String registrationCertificateNo) {
        GasCylinderExtension cylinder = new GasCylinderExtension();
        cylinder.setCylinderCode(cylinderCode);
        cylinder.setRegistrationCertificateNo(registrationCertificateNo);
        Extension x = new Extension();
        x.setGasCylinder(cylinder);
        e.setExtension(x);
        return this;
    }

    TraceEvent build() {
        if (e.getOperator() == null) {
            e.setOperator(party(WHOLESALER, "上海西郊国际农产品交易有限公司", NodeType.WHOLESALE));
        }
        return e;
    }

    static Party party(String uscc, String name, NodeType nodeType) {
        Party p = new Party();
        p.setUscc(uscc);
        p.setName(name);
        p.setNodeType(nodeType);
        return p;
    }
}
