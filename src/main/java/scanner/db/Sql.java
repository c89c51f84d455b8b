package scanner.db;

import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Small conversions shared by the repositories. */
public final class Sql {

    private static final DateTimeFormatter ISO_UTC = DateTimeFormatter.ISO_INSTANT;

    private Sql() {
    }

    /** ISO 8601 in UTC with at most millisecond precision, e.g. {@code 2025-11-09T10:00:00Z}. */
    public static String isoUtc(OffsetDateTime time) {
        return time == null ? null : ISO_UTC.format(time.toInstant().truncatedTo(ChronoUnit.MILLIS));
    }

    public static String isoUtc(Timestamp time) {
        return time == null ? null : isoUtc(time.toInstant().atOffset(ZoneOffset.UTC));
    }
}
