package routes;

import java.util.HashMap;
import java.util.Map;
import org.apache.camel.Route;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.Model;
import org.apache.camel.model.rest.RestBindingMode;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import scanner.api.JsonErrorPages;

/**
 * The REST API's frame, before any resource: platform-http, the OpenAPI document, JSON for the
 * HTTP layer's own refusals (404, 405, 415, 413), and a description on every route for Hawtio.
 */
public class RestApiRoutes extends RouteBuilder {

    @Override
    public void configure() throws Exception {
        getContext().addStartupListener((context, alreadyStarted) -> {
            JsonErrorPages.install(context);
            // The rest DSL inlines each endpoint's route into its verb and makes the OpenAPI route
            // itself: both without a description. Hawtio shows every route with one.
            Map<String, String> descriptions = new HashMap<>();
            descriptions.put("scan-api-openapi", "GET /openapi.json: the OpenAPI 3 document of this API");
            for (RestDefinition rest : context.getCamelContextExtension().getContextPlugin(Model.class).getRestDefinitions()) {
                for (VerbDefinition verb : rest.getVerbs()) {
                    descriptions.put(verb.getId(), verb.getDescriptionText());
                }
            }
            for (Route route : context.getRoutes()) {
                String description = descriptions.get(route.getRouteId());
                if (route.getDescription() == null && description != null) {
                    route.getProperties().put(Route.DESCRIPTION_PROPERTY, description);
                }
            }
        });

        restConfiguration()
                .component("platform-http")
                .bindingMode(RestBindingMode.off) // bodies are validated by hand, to name each problem
                .apiContextPath("/openapi.json")
                .apiContextRouteId("scan-api-openapi")
                .apiProperty("api.title", "S3 Scanner")
                .apiProperty("api.version", "1")
                .apiProperty("api.description", "Scan S3 buckets for personal data and secrets; follow each job's progress.");
    }
}
