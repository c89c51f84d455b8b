package routes;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import scanner.jobs.ScheduleRepository;
import scanner.listing.JobLaunches;

/** Starts each due schedule's run as an ordinary job, whose listing begins as POST /scan's would. */
public class ScheduleFiringRoutes extends RouteBuilder {

    @Override
    public void configure() {
        ScheduleRepository scheduleRepository = Beans.of(getContext(), ScheduleRepository.class);
        JobLaunches launches = Beans.of(getContext(), JobLaunches.class);

        // Every replica may run it: the database hands each due schedule to one of them.
        from("timer:fire-schedules?delay=1000&period={{scanner.schedules.check-interval}}")
                .routeId("fire-schedules")
                .routeDescription("Starts a run (an ordinary job) of every schedule that is due, unless its previous run still goes")
                .doTry()
                    .setBody(method(scheduleRepository, "fireDue"))
                    .bean(launches, "launchRuns")
                .doCatch(Exception.class)
                    .log(LoggingLevel.WARN, "Schedules not checked: ${exception.message}")
                .end();
    }
}
