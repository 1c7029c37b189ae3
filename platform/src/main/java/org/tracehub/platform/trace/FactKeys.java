package org.tracehub.platform.trace;

/** Keys of {@link ChainEvent.Fact}: the only extension fields a public chain may show. */
public final class FactKeys {

    public static final String EQUIPMENT_CODE = "EQUIPMENT_CODE";
    public static final String REGISTRATION_CODE = "REGISTRATION_CODE";
    public static final String EMERGENCY_CODE = "EMERGENCY_CODE";
    public static final String MAINTENANCE_TYPE = "MAINTENANCE_TYPE";
    public static final String NEXT_INSPECTION_DATE = "NEXT_INSPECTION_DATE";
    public static final String CYLINDER_CODE = "CYLINDER_CODE";
    public static final String REGISTRATION_CERTIFICATE_NO = "REGISTRATION_CERTIFICATE_NO";
    public static final String MEDIUM = "MEDIUM";
    public static final String PRESSURE_AFTER_FILLING_MPA = "PRESSURE_AFTER_FILLING_MPA";
    public static final String PRODUCTION_DATE = "PRODUCTION_DATE";
    public static final String SHELF_LIFE_DAYS = "SHELF_LIFE_DAYS";
    public static final String HEAD_COUNT = "HEAD_COUNT";
    public static final String SAMPLED_HEAD_COUNT = "SAMPLED_HEAD_COUNT";
    public static final String STALL_NO = "STALL_NO";
    public static final String EXPORTER = "EXPORTER";

    private FactKeys() {
    }
}
