package routes;

import java.sql.SQLException;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;
import scanner.api.ApiError;
import scanner.api.ApiException;
import scanner.scan.ScanFailures;

/** The shared error policies that routes opt into by id. */
public class ErrorPolicies extends RouteConfigurationBuilder {

    public static final String API = "api-errors";
    public static final String SCAN = "scan-errors";

    @Override
    public void configuration() {
        // REST calls: a client's mistake is a 4xx with the contract's JSON body; anything else a 500
        // with the same shape. Never a stack trace or an HTML page.
        routeConfiguration(API)
                .onException(ApiException.class)
                    .handled(true)
                    .removeHeaders("*") // request parameters and headers must not be echoed back
                    .setHeader(Exchange.HTTP_RESPONSE_CODE, method(ApiError.class, "status(${exception})"))
                    .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
                    .setBody(method(ApiError.class, "of(${exception})"))
                    .marshal().json()
                .end()
                .onException(SQLException.class)
                    .onWhen(method(ScanFailures.class, "isTransient(${exception})"))
                    .handled(true)
                    .log(LoggingLevel.WARN, "routes.api", "${routeId}: database unavailable: ${exception.message}")
                    .removeHeaders("*")
                    .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(503))
                    .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
                    .setBody(method(ApiError.class, "databaseUnavailable"))
                    .marshal().json()
                .end()
                .onException(Exception.class)
                    .handled(true)
                    .log(LoggingLevel.ERROR, "routes.api", "${routeId} failed: ${exception}")
                    .removeHeaders("*")
                    .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(500))
                    .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
                    .setBody(method(ApiError.class, "internal"))
                    .marshal().json()
                .end();

        // Scanning one object. An object S3 will not give us fails at once; on its last delivery an
        // object fails with the reason (unless the error is transient: throttling, a 5xx, a lost
        // connection, which never fail an object); otherwise the claim is released and the exception
        // left unhandled, so the message is not deleted and SQS delivers it again after the
        // visibility timeout. A message dead-lettered meanwhile is re-enqueued from the database.
        routeConfiguration(SCAN)
                .onException(Exception.class)
                    .onWhen(method("scanFailures", "isObjectProblem(${exception})"))
                    .handled(true)
                    .log(LoggingLevel.WARN, "routes.scan", "Object ${exchangeProperty.claimed.key} failed: ${exception.message}")
                    .setBody(method("scanFailures", "objectProblem(${exception})"))
                    .bean("objectRepository", "store(${exchangeProperty.claimed}, ${body})")
                .end()
                .onException(Exception.class)
                    .onWhen(method("scanFailures", "isLastAttempt"))
                    .handled(true)
                    .log(LoggingLevel.ERROR, "routes.scan", "Giving up on ${exchangeProperty.claimed.key}: ${exception}")
                    .setBody(method("scanFailures", "gaveUp(${exchange}, ${exception})"))
                    .bean("objectRepository", "store(${exchangeProperty.claimed}, ${body})")
                .end()
                .onException(Exception.class)
                    .handled(false)
                    .log(LoggingLevel.WARN, "routes.scan", "Scan of ${exchangeProperty.claimed.key} will be retried after ${exception}")
                    .bean("objectRepository", "release(${exchangeProperty.claimed})")
                    .bean("messageVisibility", "retrySoon")
                .end();
    }
}
