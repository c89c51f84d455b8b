package routes;

import scanner.listing.StepFunctionsListing;

import scanner.api.SchedulesApi;

import scanner.jobs.ScheduleRepository;

import scanner.api.JobsApi;

import scanner.api.ApiRequests;

import org.apache.camel.LoggingLevel;
import org.apache.camel.model.RouteDefinition;
import scanner.config.ScannerConfig;

/** Scheduled scans: the /schedules API, and the timer that starts each due run as an ordinary job. */
public class ScheduleRoutes extends ApiRouteBuilder {


    @Override
    public void configure() {
        ScannerConfig config = Beans.of(getContext(), ScannerConfig.class);
        ApiRequests apiRequests = Beans.of(getContext(), ApiRequests.class);
        JobsApi jobsApi = Beans.of(getContext(), JobsApi.class);
        ScheduleRepository scheduleRepository = Beans.of(getContext(), ScheduleRepository.class);
        SchedulesApi schedulesApi = Beans.of(getContext(), SchedulesApi.class);
        StepFunctionsListing stepFunctionsListing = Beans.of(getContext(), StepFunctionsListing.class);

        if (config.hasRole(ScannerConfig.Role.API)) {
            rest("/schedules")
                    .post().id("scan-api-create-schedule")
                        .description("Scan a bucket (or prefix) on a Quartz cron schedule (UTC): the body of POST /scan plus \"cron\"")
                        .consumes("application/json").produces("application/json")
                        .to("direct:create-schedule")
                    .get().id("scan-api-list-schedules")
                        .description("Schedules, newest first, with their next fire time and last run, paged by cursor")
                        .produces("application/json")
                        .param().name("limit").type(org.apache.camel.model.rest.RestParamType.query).required(false)
                            .dataType("integer").description("1-1000, default 100").endParam()
                        .param().name("cursor").type(org.apache.camel.model.rest.RestParamType.query).required(false)
                            .description("next_cursor of the previous page").endParam()
                        .to("direct:list-schedules")
                    .get("/{schedule_id}").id("scan-api-get-schedule")
                        .description("One schedule: next fire time, last run (job id), last skipped run and why")
                        .produces("application/json")
                        .to("direct:get-schedule")
                    .delete("/{schedule_id}").id("scan-api-delete-schedule")
                        .description("Delete a schedule; the jobs it started stay")
                        .produces("application/json")
                        .to("direct:delete-schedule")
                    .post("/{schedule_id}/pause").id("scan-api-pause-schedule")
                        .description("Stop firing until resumed")
                        .produces("application/json")
                        .to("direct:pause-schedule")
                    .post("/{schedule_id}/resume").id("scan-api-resume-schedule")
                        .description("Fire again, from the next fire time after now")
                        .produces("application/json")
                        .to("direct:resume-schedule");

            endpoint("direct:create-schedule", "scan-api-create-schedule")
                    .setBody(method(schedulesApi, "create(${bodyAs(String)})"))
                    .log("Schedule ${body.scheduleId} created: s3://${body.bucket}/${body.prefix} at '${body.cron}'")
                    .setProperty(STATUS, constant(201))
                    .to(JSON_RESPONSE);
            endpoint("direct:list-schedules", "scan-api-list-schedules")
                    .setProperty("limit", method(apiRequests, "limit(${header.limit})"))
                    .setBody(method(schedulesApi, "page(${exchangeProperty.limit}, ${header.cursor})"))
                    .to(JSON_RESPONSE);
            endpoint("direct:get-schedule", "scan-api-get-schedule")
                    .setProperty("scheduleId", method(schedulesApi, "id(${header.schedule_id})"))
                    .setBody(method(schedulesApi, "get(${exchangeProperty.scheduleId})"))
                    .to(JSON_RESPONSE);
            endpoint("direct:delete-schedule", "scan-api-delete-schedule")
                    .setProperty("scheduleId", method(schedulesApi, "id(${header.schedule_id})"))
                    .setBody(method(schedulesApi, "delete(${exchangeProperty.scheduleId})"))
                    .log("Schedule ${body.scheduleId} deleted")
                    .to(JSON_RESPONSE);
            endpoint("direct:pause-schedule", "scan-api-pause-schedule")
                    .setProperty("scheduleId", method(schedulesApi, "id(${header.schedule_id})"))
                    .setBody(method(schedulesApi, "pause(${exchangeProperty.scheduleId}, true)"))
                    .log("Schedule ${body.scheduleId} paused")
                    .to(JSON_RESPONSE);
            endpoint("direct:resume-schedule", "scan-api-resume-schedule")
                    .setProperty("scheduleId", method(schedulesApi, "id(${header.schedule_id})"))
                    .setBody(method(schedulesApi, "pause(${exchangeProperty.scheduleId}, false)"))
                    .log("Schedule ${body.scheduleId} resumed")
                    .to(JSON_RESPONSE);
        }

        if (config.hasRole(ScannerConfig.Role.LISTER)) {
            // Every replica may run it: the database hands each due schedule to one of them.
            RouteDefinition fire = from("timer:fire-schedules?delay=1000&period={{scanner.schedules.check-interval}}")
                    .routeId("fire-schedules")
                    .routeDescription("Starts a run (an ordinary job) of every schedule that is due, unless its previous run still goes");
            fire.doTry()
                    .setBody(method(scheduleRepository, "fireDue"))
                .doCatch(Exception.class)
                    .log(LoggingLevel.WARN, "Schedules not checked: ${exception.message}")
                    .setBody(constant(java.util.List.of()))
                .end();
            if (config.usesStepFunctions()) {
                // aws mode with a state machine: each run's listing is an execution, as for POST /scan
                fire.split(body()).to("direct:start-scheduled-execution").end();
            }

            if (config.usesStepFunctions()) {
                from("direct:start-scheduled-execution").routeId("sfn-start-scheduled-run")
                        .routeDescription("Starts the listing execution of a run a schedule started")
                        .setProperty("accepted", method(jobsApi, "accepted(${body.jobId})"))
                        .doTry()
                            .setHeader(org.apache.camel.component.aws2.stepfunctions.StepFunctions2Constants.STATE_MACHINE_ARN,
                                    method(config, "stateMachineArn"))
                            .setHeader(org.apache.camel.component.aws2.stepfunctions.StepFunctions2Constants.EXECUTION_NAME,
                                    method(scanner.listing.StepFunctionsListing.class, "executionName(${exchangeProperty.accepted.jobId})"))
                            .setHeader(org.apache.camel.component.aws2.stepfunctions.StepFunctions2Constants.EXECUTION_INPUT,
                                    method(stepFunctionsListing, "input(${exchangeProperty.accepted.jobId}, ${exchangeProperty.accepted.bucket}, ${exchangeProperty.accepted.prefix})"))
                            .to("aws2-step-functions://listing?operation=startExecution")
                            .bean(jobsApi, "executionStarted(${exchangeProperty.accepted}, ${body})")
                        .doCatch(Exception.class)
                            .bean(jobsApi, "executionNotStarted(${exchangeProperty.accepted}, ${exception})")
                        .end();
            }
        }
    }
}
