package org.tracehub.platform.trace;

import java.util.LinkedHashSet;
import java.util.Set;
import org.tracehub.schemas.standard.v1.ElevatorExtension;
import org.tracehub.schemas.standard.v1.GasCylinderExtension;
import org.tracehub.schemas.standard.v1.TraceEvent;

/**
 * The other identifiers of the equipment an event is about (an elevator's equipment, registration
 * and 96333 codes; a cylinder's code and registration certificate), so that any of them finds the
 * equipment's history.
 */
final class EquipmentIdentifiers {

    private EquipmentIdentifiers() {
    }

    /** Identifiers other than the event's own trace code; empty for goods. */
    static Set<String> aliasesOf(TraceEvent e) {
        Set<String> ids = new LinkedHashSet<>();
        if (e.getExtension() != null) {
            ElevatorExtension elevator = e.getExtension().getElevator();
            if (elevator != null) {
                add(ids, elevator.getEquipmentCode());
                add(ids, elevator.getRegistrationCode());
                add(ids, elevator.getEmergencyCode());
            }
            GasCylinderExtension cylinder = e.getExtension().getGasCylinder();
            if (cylinder != null) {
                add(ids, cylinder.getCylinderCode());
                add(ids, cylinder.getRegistrationCertificateNo());
            }
        }
        ids.remove(e.getTraceCode());
        return ids;
    }

    private static void add(Set<String> ids, String id) {
        if (id != null && !id.isBlank()) {
            ids.add(id.strip());
        }
    }
}
