package org.tracehub.schemas.validation;

/** The three shapes of special-equipment identifier a legacy file may carry, told apart by length. */
public enum EquipmentCodeKind {
    /** 设备代码 (TSG 08-2017): product 4 + manufacturer 5 + year 4 + sequence 5, no check digit. */
    EQUIPMENT_CODE(18),
    /** Shanghai 注册代码: class 4 + GB/T 2260 region 6 + YYYYMM 6 + sequence 4. */
    REGISTRATION_CODE(20),
    /** Older national data elements; their layout is not published, only the length is known. */
    LEGACY_CODE(21);

    private final int length;

    EquipmentCodeKind(int length) {
        this.length = length;
    }

    public int length() {
        return length;
    }

    /** The kind a value's length suggests, or null for any other length. */
    public static EquipmentCodeKind ofLength(int length) {
        for (EquipmentCodeKind kind : values()) {
            if (kind.length == length) {
                return kind;
            }
        }
        return null;
    }
}
