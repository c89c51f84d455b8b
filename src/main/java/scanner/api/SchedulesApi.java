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

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ScheduleRepository schedules;
    private final ApiRequests requests;

    public SchedulesApi(ScheduleRepository schedules, ApiRequests requests) {
        this.schedules = schedules;
        this.requests = requests;
    }

    public record SchedulesPage(@JsonProperty("schedules") List<ScheduleRepository.Schedule> schedules) {
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
            if (ScheduleRepository.cron(cron.asText()).getNextValidTimeAfter(new java.util.Date()) == null) {
                throw ApiException.badRequest("invalid_cron", "The cron expression never fires again");
            }
        } catch (ParseException e) {
            throw ApiException.badRequest("invalid_cron", "Invalid cron expression: " + e.getMessage()
                    + " (Quartz syntax: seconds minutes hours day-of-month month day-of-week [year], e.g. \"0 0 2 * * ?\")");
        }
        if (scan.baselineJobId() != null) {
            throw ApiException.badRequest("invalid_baseline", "A schedule's runs compare with its last completed run: "
                    + "give \"incremental\": true, not a baseline_job_id");
        }
        return schedules.create(scan.bucket(), scan.prefix(), JSON.writeValueAsString(scan.options()), cron.asText(),
                scan.incremental());
    }

    public SchedulesPage all() throws SQLException {
        return new SchedulesPage(schedules.all());
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
