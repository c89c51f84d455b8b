package scanner.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.SQLException;
import java.text.ParseException;
import java.util.List;
import java.util.UUID;
import scanner.jobs.ScheduleRepository;

/** The schedules API: create, list, read, delete, pause and resume scheduled scans. */
public class SchedulesApi {

    private static final ObjectMapper JSON = scanner.config.Json.MAPPER;

    private final ScheduleRepository schedules;
    private final ApiRequests requests;

    public SchedulesApi(ScheduleRepository schedules, ApiRequests requests) {
        this(schedules, requests, ApiLimits.DEFAULT);
    }

    private final ApiLimits limits;

    public SchedulesApi(ScheduleRepository schedules, ApiRequests requests, ApiLimits limits) {
        this.limits = limits;
        this.schedules = schedules;
        this.requests = requests;
    }

    public record SchedulesPage(@JsonProperty("schedules") List<ScheduleRepository.Schedule> schedules,
                                @JsonProperty("next_cursor") String nextCursor) {
    }

    /** POST /schedules: the body of POST /scan plus "cron", a Quartz cron expression (UTC). */
    public ScheduleRepository.Schedule create(String body) throws SQLException, com.fasterxml.jackson.core.JsonProcessingException {
        ScanRequest scan = requests.scanRequest(body); // bucket, prefix and options, validated as for POST /scan
        JsonNode cron = JSON.readTree(body).get("cron");
        if (cron == null || cron.isNull()) {
            throw ApiException.badRequest("missing_cron", "The field 'cron' is required: a Quartz cron expression such as \"0 0 2 * * ?\" (UTC)");
        }
        if (!cron.isTextual()) {
            throw ApiException.badRequest("invalid_cron", "The field 'cron' must be a string");
        }
        try {
            org.quartz.CronExpression expression = ScheduleRepository.cron(cron.asText());
            java.util.Date next = expression.getNextValidTimeAfter(new java.util.Date());
            if (next == null) {
                throw ApiException.badRequest("invalid_cron", "The cron expression never fires again");
            }
            java.time.Duration shortest = shortestInterval(expression, next);
            if (shortest != null && shortest.compareTo(limits.minScheduleInterval()) < 0) {
                throw ApiException.badRequest("invalid_cron", "The cron expression fires every " + shortest.toSeconds()
                        + " s; schedules fire at most every " + limits.minScheduleInterval().toSeconds()
                        + " s (SCANNER_SCHEDULE_MIN_INTERVAL)");
            }
        } catch (ParseException e) {
            throw ApiException.badRequest("invalid_cron", "Invalid cron expression: " + e.getMessage()
                    + " (Quartz syntax: seconds minutes hours day-of-month month day-of-week [year], e.g. \"0 0 2 * * ?\")");
        }
        if (scan.baselineJobId() != null) {
            throw ApiException.badRequest("invalid_baseline", "A schedule's runs compare with its last completed run: "
                    + "give \"incremental\": true, not a baseline_job_id");
        }
        if (schedules.count() >= limits.maxSchedules()) {
            throw new ApiException(429, "too_many_schedules", "There are " + limits.maxSchedules()
                    + " schedules already (SCANNER_MAX_SCHEDULES); delete one first");
        }
        return schedules.create(scan.bucket(), scan.prefix(), JSON.writeValueAsString(scan.options()), cron.asText(),
                scan.incremental());
    }

    /** The shortest gap between the next fires of a cron (a day's worth of them, at most 1,500), or null. */
    static java.time.Duration shortestInterval(org.quartz.CronExpression cron, java.util.Date first) {
        java.time.Duration shortest = null;
        java.util.Date previous = first;
        java.util.Date end = new java.util.Date(first.getTime() + java.time.Duration.ofDays(1).toMillis());
        for (int i = 0; i < 1500 && previous.before(end); i++) {
            java.util.Date next = cron.getNextValidTimeAfter(previous);
            if (next == null) {
                break;
            }
            java.time.Duration gap = java.time.Duration.ofMillis(next.getTime() - previous.getTime());
            if (shortest == null || gap.compareTo(shortest) < 0) {
                shortest = gap;
            }
            previous = next;
        }
        return shortest;
    }

    public SchedulesPage all() throws SQLException {
        return page(100, null);
    }

    /** GET /schedules?limit=&cursor=: newest first; next_cursor is null on the last page. */
    public SchedulesPage page(int limit, String cursor) throws SQLException {
        UUID after = null;
        if (cursor != null && !cursor.isEmpty()) {
            try {
                String decoded = new String(java.util.Base64.getUrlDecoder().decode(cursor), java.nio.charset.StandardCharsets.UTF_8);
                if (!decoded.startsWith("v1|schedules|")) {
                    throw new IllegalArgumentException(decoded);
                }
                after = UUID.fromString(decoded.substring("v1|schedules|".length()));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("invalid_cursor", "The cursor is not one this listing returned");
            }
        }
        List<ScheduleRepository.Schedule> rows = schedules.page(limit + 1, after);
        String next = null;
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            next = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                    ("v1|schedules|" + rows.get(limit - 1).scheduleId()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return new SchedulesPage(rows, next);
    }

    public ScheduleRepository.Schedule get(UUID id) throws SQLException {
        return schedules.find(id).orElseThrow(() -> notFound(id));
    }

    public ScheduleRepository.Schedule delete(UUID id) throws SQLException {
        ScheduleRepository.Schedule schedule = get(id);
        schedules.delete(id);
        return schedule;
    }

    public ScheduleRepository.Schedule pause(UUID id, boolean paused) throws SQLException {
        if (!schedules.setPaused(id, paused)) {
            throw notFound(id);
        }
        return get(id);
    }

    /** A schedule id from the path. */
    public UUID id(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ApiException.badRequest("invalid_schedule_id", "The schedule id must be a UUID");
        }
    }

    private static ApiException notFound(UUID id) {
        return ApiException.notFound("schedule_not_found", "No schedule with id " + id);
    }
}
