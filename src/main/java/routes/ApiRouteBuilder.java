package routes;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;
import scanner.api.ApiKey;

/**
 * What every REST resource's route builder shares. Each endpoint is one route of one processor:
 * the API key, the answer, the JSON written once. No hop to another route, no bean binding by
 * expression, no header copied: the status path is the API's hottest (dashboards poll it).
 */
abstract class ApiRouteBuilder extends RouteBuilder {

    /** What an endpoint answers to a request: the body, or an {@link Answered} with its own status. */
    @FunctionalInterface
    interface Answer {
        Object to(Message request) throws Exception;
    }

    /** An answer whose status is known only when it is made (a health check's 503). */
    record Answered(int status, Object body) {
    }

    /** The endpoint the rest verb {@code routeId} goes to: inlined into the verb, so no hop at run time. */
    static String uri(String routeId) {
        return "direct:" + routeId;
    }

    /** A REST endpoint's route behind the API key, with the API's error policy. */
    RouteDefinition endpoint(String routeId, int status, Answer answer) {
        return answering(routeId, status, Beans.of(getContext(), ApiKey.class), answer);
    }

    /** A REST endpoint anyone may call (the health check a load balancer asks). */
    RouteDefinition openEndpoint(String routeId, Answer answer) {
        return answering(routeId, 200, null, answer);
    }

    private RouteDefinition answering(String routeId, int status, ApiKey apiKey, Answer answer) {
        RouteDefinition route = from(uri(routeId)).routeId(routeId).routeConfigurationId(ErrorPolicies.API);
        route.process(exchange -> {
            Message request = exchange.getMessage();
            if (apiKey != null) {
                apiKey.require(request.getHeader("Authorization", String.class), request.getHeader(Exchange.HTTP_METHOD, String.class));
            }
            Object body = answer.to(request);
            if (body instanceof Answered answered) {
                JsonAnswer.write(request, answered.status(), answered.body());
            } else {
                JsonAnswer.write(request, status, body);
            }
        }).id(routeId + "-answer");
        return route;
    }

    static String header(Message request, String name) {
        return request.getHeader(name, String.class);
    }
}
