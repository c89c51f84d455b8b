package scanner.api;

import scanner.jobs.JobPosition;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/**
 * Opaque keyset cursors: where the next page starts (the last row id seen), bound to one listing
 * of one job so a cursor from another job or another call is refused rather than misread.
 */
public final class Cursor {

    private Cursor() {
    }

    public static String encode(String listing, UUID jobId, long lastId) {
        String plain = "v1|" + listing + "|" + jobId + "|" + lastId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    public static String encodeJobs(JobPosition last) {
        return encode("jobs", last.jobId(), last.createdMicros());
    }

    /** Null for the first page; 400 {@code invalid_cursor} for anything not a job-list cursor. */
    public static JobPosition decodeJobs(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
            if (parts.length == 4 && parts[0].equals("v1") && parts[1].equals("jobs")) {
                return new JobPosition(Long.parseLong(parts[3]), UUID.fromString(parts[2]));
            }
        } catch (IllegalArgumentException e) {
            // refused below
        }
        throw ApiException.badRequest("invalid_cursor", "The cursor is not one this listing returned");
    }

    /** The last id seen, or 0 for the first page; 400 {@code invalid_cursor} for anything not ours. */
    public static long decode(String cursor, String listing, UUID jobId) {
        if (cursor == null || cursor.isEmpty()) {
            return 0;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
            if (parts.length == 4 && parts[0].equals("v1") && parts[1].equals(listing)
                    && parts[2].equals(jobId.toString())) {
                long id = Long.parseLong(parts[3]);
                if (id >= 0) {
                    return id;
                }
            }
        } catch (IllegalArgumentException e) {
            // not base64, or not a number: refused below
        }
        throw ApiException.badRequest("invalid_cursor", "The cursor is not one this listing returned");
    }
}
