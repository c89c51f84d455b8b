package scanner.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Locale;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * What Jolokia (/observe/jolokia on the management port, Hawtio's way in) lets a caller do, in
 * front of Jolokia's own policy (jolokia-access.xml: which MBeans and operations exist at all).
 * Without management credentials Jolokia only reads: version, list, search, read. Operations
 * (exec: stopping or suspending a route) and writes need management authentication
 * (SCANNER_MANAGEMENT_AUTH_ENABLED with a users file), and are taken by POST only, so a link or an
 * image on a web page an operator opens cannot fire one; a request from another origin (a page of
 * another site, in an operator's browser) is refused whatever it asks.
 */
public final class ManagementGuard {

    private static final ObjectMapper JSON = scanner.config.Json.MAPPER;
    private static final Set<String> READS = Set.of("version", "list", "search", "read");
    private static final String PATH = "/observe/jolokia";

    private ManagementGuard() {
    }

    public static void install(CamelContext context, boolean authenticated) {
        context.getRegistry().findByType(VertxPlatformHttpRouter.class).stream()
                .filter(r -> VertxPlatformHttpRouter.SERVER_TYPE_MANAGEMENT.equals(r.getServerType()))
                .forEach(router -> guard(router, authenticated));
    }

    private static void guard(Router router, boolean authenticated) {
        router.route().order(-1000).pathRegex(PATH + "(/.*)?").handler(BodyHandler.create().setBodyLimit(64 * 1024))
                .handler(ctx -> check(ctx, authenticated));
    }

    private static void check(RoutingContext ctx, boolean authenticated) {
        HttpMethod method = ctx.request().method();
        String origin = ctx.request().getHeader("Origin");
        String host = ctx.request().getHeader("Host");
        if (origin != null && !origin.equals("null") && (host == null
                || !(origin.equalsIgnoreCase("http://" + host) || origin.equalsIgnoreCase("https://" + host)))) {
            // a page of another site, in an operator's browser: no cross-origin use of Jolokia at all
            refuse(ctx, 403, "forbidden", "Cross-origin requests to Jolokia are refused");
            return;
        }
        String type = requestType(ctx);
        if (type == null) {
            refuse(ctx, 400, "bad_request", "Not a Jolokia request");
            return;
        }
        if (READS.contains(type)) {
            ctx.next();
            return;
        }
        if (method != HttpMethod.POST) {
            refuse(ctx, 405, "method_not_allowed", "Jolokia " + type + " requests are taken by POST only");
            return;
        }
        if (!authenticated) {
            refuse(ctx, 403, "forbidden", "Jolokia " + type + " requests need the management credentials: set "
                    + "SCANNER_MANAGEMENT_AUTH_ENABLED=true and SCANNER_MANAGEMENT_USERS_FILE");
            return;
        }
        ctx.next();
    }

    /**
     * The request's type: the first path segment after /observe/jolokia for GET ("exec" in
     * /observe/jolokia/exec/...), the "type" of each request in a POST body (a bulk request is a
     * JSON array: the most powerful of its types counts). Null when it cannot be told.
     */
    static String requestType(RoutingContext ctx) {
        if (ctx.request().method() == HttpMethod.POST) {
            try {
                JsonNode body = JSON.readTree(ctx.body() == null || ctx.body().buffer() == null ? "" : ctx.body().asString());
                if (body == null) {
                    return null;
                }
                String strongest = null;
                for (JsonNode request : body.isArray() ? body : JSON.createArrayNode().add(body)) {
                    String type = request.path("type").asText("").toLowerCase(Locale.ROOT);
                    if (type.isEmpty()) {
                        return null;
                    }
                    if (strongest == null || READS.contains(strongest)) {
                        strongest = type;
                    }
                }
                return strongest;
            } catch (java.io.IOException e) {
                return null;
            }
        }
        String rest = ctx.request().path().substring(PATH.length());
        if (rest.isEmpty() || rest.equals("/")) {
            return "version"; // the agent's own description
        }
        String first = rest.substring(1);
        int slash = first.indexOf('/');
        return (slash < 0 ? first : first.substring(0, slash)).toLowerCase(Locale.ROOT);
    }

    private static void refuse(RoutingContext ctx, int status, String code, String message) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end("{\"error\":\"" + code + "\",\"message\":\"" + message + "\"}");
    }
}
