package routes;

import java.util.UUID;
import org.apache.camel.model.rest.RestParamType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scanner.api.ApiRequests;
import scanner.api.SchedulesApi;
import scanner.jobs.ScheduleRepository.Schedule;

/** /schedules: scans on a Quartz cron schedule; each run is an ordinary job (see ScheduleFiringRoutes). */
public class SchedulesApiRoutes extends ApiRouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger("scan-api-schedules");

    @Override
    public void configure() {
        ApiRequests requests = Beans.of(getContext(), ApiRequests.class);
        SchedulesApi schedules = Beans.of(getContext(), SchedulesApi.class);

        rest("/schedules")
                .post().id("scan-api-create-schedule")
                    .description("Scan a bucket (or prefix) on a Quartz cron schedule (UTC): the body of POST /scan plus \"cron\"")
                    .consumes("application/json").produces("application/json")
                    .to(uri("scan-api-create-schedule"))
                .get().id("scan-api-list-schedules")
                    .description("Schedules, newest first, with their next fire time and last run, paged by cursor")
                    .produces("application/json")
                    .param().name("limit").type(RestParamType.query).required(false)
                        .dataType("integer").description("1-1000, default 100").endParam()
                    .param().name("cursor").type(RestParamType.query).required(false)
                        .description("next_cursor of the previous page").endParam()
                    .to(uri("scan-api-list-schedules"))
                .get("/{schedule_id}").id("scan-api-get-schedule")
                    .description("One schedule: next fire time, last run (job id), last skipped run and why")
                    .produces("application/json")
                    .to(uri("scan-api-get-schedule"))
                .delete("/{schedule_id}").id("scan-api-delete-schedule")
                    .description("Delete a schedule; the jobs it started stay")
                    .produces("application/json")
                    .to(uri("scan-api-delete-schedule"))
                .post("/{schedule_id}/pause").id("scan-api-pause-schedule")
                    .description("Stop firing until resumed")
                    .produces("application/json")
                    .to(uri("scan-api-pause-schedule"))
                .post("/{schedule_id}/resume").id("scan-api-resume-schedule")
                    .description("Fire again, from the next fire time after now")
                    .produces("application/json")
                    .to(uri("scan-api-resume-schedule"));

        endpoint("scan-api-create-schedule", 201, request -> {
            Schedule created = schedules.create(request.getBody(String.class));
            LOG.info("Schedule {} created: s3://{}/{} at '{}'", created.scheduleId(), created.bucket(), created.prefix(), created.cron());
            return created;
        });
        endpoint("scan-api-list-schedules", 200, request -> schedules.page(requests.limit(header(request, "limit")),
                header(request, "cursor")));
        endpoint("scan-api-get-schedule", 200, request -> schedules.get(scheduleId(schedules, request)));
        endpoint("scan-api-delete-schedule", 200, request -> {
            Schedule deleted = schedules.delete(scheduleId(schedules, request));
            LOG.info("Schedule {} deleted", deleted.scheduleId());
            return deleted;
        });
        endpoint("scan-api-pause-schedule", 200, request -> {
            Schedule paused = schedules.pause(scheduleId(schedules, request), true);
            LOG.info("Schedule {} paused", paused.scheduleId());
            return paused;
        });
        endpoint("scan-api-resume-schedule", 200, request -> {
            Schedule resumed = schedules.pause(scheduleId(schedules, request), false);
            LOG.info("Schedule {} resumed", resumed.scheduleId());
            return resumed;
        });
    }

    private static UUID scheduleId(SchedulesApi schedules, org.apache.camel.Message request) {
        return schedules.id(header(request, "schedule_id"));
    }
}
