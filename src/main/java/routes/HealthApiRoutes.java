package routes;

import scanner.api.Health;

/** GET /health: open to anyone (a load balancer asks it); 503 names what does not answer. */
public class HealthApiRoutes extends ApiRouteBuilder {

    @Override
    public void configure() {
        Health health = Beans.of(getContext(), Health.class);

        rest()
                .get("/health").id("scan-api-health")
                    .description("200 when PostgreSQL, S3 and SQS answer, 503 naming what does not")
                    .produces("application/json")
                    .to(uri("scan-api-health"));

        openEndpoint("scan-api-health", request -> {
            Health.Report report = health.check();
            return new Answered(report.httpStatus(), report);
        });
    }
}
