package routes;

import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;
import scanner.api.ApiError;
import scanner.api.ApiException;

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
        // object fails with the reason; otherwise the exception is left unhandled so the message is
        // not deleted and SQS delivers it again after the visibility timeout.
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
                    .log(LoggingLevel.WARN, "routes.scan", "Scan will be retried after ${exception}")
                .end();
    }
}
