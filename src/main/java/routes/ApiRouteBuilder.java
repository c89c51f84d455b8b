package routes;

import scanner.api.ApiKey;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;

/** What every REST endpoint route shares: the API key check, the API's error policy, the JSON answer. */
abstract class ApiRouteBuilder extends RouteBuilder {

    /** Every answer leaves through this route (see ScanApiRoutes): JSON body, status, no echoed header. */
    static final String JSON_RESPONSE = "direct:json-response";
    /** Exchange property holding the HTTP status of a successful answer (200 when unset). */
    static final String STATUS = "httpStatus";

    /** A route behind the API key, with the API's error policy: each REST endpoint starts so. */
    RouteDefinition endpoint(String uri, String routeId) {
        ApiKey apiKey = Beans.of(getContext(), ApiKey.class);
        return from(uri).routeId(routeId)
                .routeConfigurationId(ErrorPolicies.API)
                .bean(apiKey, "require(${header.Authorization}, ${header.CamelHttpMethod})");
    }
}
