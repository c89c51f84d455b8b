package routes;

import scanner.scan.ObjectRepository;

import scanner.aws.MessageVisibility;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;
import scanner.api.ApiError;
import scanner.api.ApiException;
import scanner.scan.DatabaseCircuit;

/** The shared error policies that routes opt into by id. */
public class ErrorPolicies extends RouteConfigurationBuilder {

    public static final String API = "api-errors";
    public static final String SCAN = "scan-errors";

    @Override
    public void configuration() {
        MessageVisibility messageVisibility = Beans.of(getContext(), MessageVisibility.class);
        ObjectRepository objectRepository = Beans.of(getContext(), ObjectRepository.class);
        // REST calls: a client's mistake is a 4xx with the contract's JSON body; anything else a 500
        // with the same shape. Never a stack trace or an HTML page.
        routeConfiguration(API)
                .onException(ApiException.class)
                    .handled(true)
                    .process(JsonAnswer::writeError)
                .end()
                .onException(Exception.class)
                    .onWhen(method(DatabaseCircuit.class, "isDatabaseUnreachable(${exception})"))
                    .handled(true)
                    .log(LoggingLevel.WARN, "routes.api", "${routeId}: database unavailable: ${exception.message}")
                    .process(e -> JsonAnswer.write(e.getMessage(), 503, ApiError.databaseUnavailable()))
                .end()
                .onException(Exception.class)
                    .handled(true)
                    .log(LoggingLevel.ERROR, "routes.api", "${routeId} failed: ${exception.stacktrace}")
                    .process(e -> JsonAnswer.write(e.getMessage(), 500, ApiError.internal()))
                .end();

        // Scanning a work unit. Each object's own trouble becomes its result (see ScanFailures), so
        // what reaches here failed the unit as a whole: an unreadable message, the database, the
        // queue. Its claims are released and the message is left undeleted, to come back in a few
        // seconds (and, after SCANNER_SQS_MAX_RECEIVE_COUNT deliveries, to the dead-letter queue,
        // whose objects the database still knows and re-enqueues).
        routeConfiguration(SCAN)
                .onException(Exception.class)
                    .handled(false)
                    .log(LoggingLevel.WARN, "routes.scan", "Work unit will be retried after ${exception}")
                    .bean(messageVisibility, "retrySoon")
                    // last: with the database down this fails too, and the claims lapse instead
                    .bean(objectRepository, "releaseBatch(${exchangeProperty.claimedObjects})")
                .end();
    }
}
