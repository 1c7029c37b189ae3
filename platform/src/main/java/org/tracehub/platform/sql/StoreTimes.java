package org.tracehub.platform.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * Times read back from {@code TIMESTAMP WITH TIME ZONE} columns, in the hub's zone. H2 keeps the offset a
 * time was written with; PostgreSQL keeps only the instant and hands it back in UTC, so a receipt, an API
 * answer or a console page would show 23:30Z for 07:30 in Shanghai — and the date part of it the day before.
 */
public final class StoreTimes {

    private StoreTimes() {
    }

    /** The column's instant at the zone's offset, or null. */
    public static OffsetDateTime inZone(ResultSet rs, String column, ZoneId zone) throws SQLException {
        return inZone(rs.getObject(column, OffsetDateTime.class), zone);
    }

    /** The same instant at the zone's offset, or null. */
    public static OffsetDateTime inZone(OffsetDateTime time, ZoneId zone) {
        return time == null ? null : time.atZoneSameInstant(zone).toOffsetDateTime();
    }
}
