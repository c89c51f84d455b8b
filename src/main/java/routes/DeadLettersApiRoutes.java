package routes;

import org.apache.camel.model.rest.RestParamType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scanner.api.ApiRequests;
import scanner.scan.DeadLetters;

/** /dead-letters: what the dead-letter queue holds, and sending it back to be scanned. */
public class DeadLettersApiRoutes extends ApiRouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger("scan-api-redrive-dead-letters");

    @Override
    public void configure() {
        ApiRequests requests = Beans.of(getContext(), ApiRequests.class);
        DeadLetters deadLetters = Beans.of(getContext(), DeadLetters.class);

        rest("/dead-letters")
                .get().id("scan-api-dead-letters")
                    .description("Messages in the dead-letter queue, with their objects' state")
                    .produces("application/json")
                    .param().name("limit").type(RestParamType.query).required(false).dataType("integer")
                        .description("1-100, default 20").endParam()
                    .to(uri("scan-api-dead-letters"))
                .post("/redrive").id("scan-api-redrive-dead-letters")
                    .description("Move every dead-lettered message back to the scan queue; failed objects are scanned anew")
                    .produces("application/json")
                    .to(uri("scan-api-redrive-dead-letters"));

        endpoint("scan-api-dead-letters", 200, request -> deadLetters.peek(requests.deadLetterLimit(header(request, "limit"))));

        endpoint("scan-api-redrive-dead-letters", 200, request -> {
            Object redriven = deadLetters.redrive();
            LOG.info("Re-drove the dead-letter queue: {}", redriven);
            return redriven;
        });
    }
}
