package scanner.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;

/**
 * Answers what the HTTP layer refuses before any route runs (unknown path, wrong method, wrong
 * content type, body too large) with the contract's JSON error body instead of an HTML page; and
 * marks every answer of the API port {@code Cache-Control: no-store}, {@code X-Content-Type-Options: nosniff}.
 */
public final class JsonErrorPages {

    private static final ObjectMapper JSON = scanner.config.Json.MAPPER;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(JsonErrorPages.class);
    private static final Map<Integer, String[]> PAGES = Map.of(
            400, new String[] {"bad_request", "The request could not be read"},
            404, new String[] {"not_found", "No such resource; GET /openapi.json describes the API"},
            405, new String[] {"method_not_allowed", "This resource does not take that HTTP method"},
            413, new String[] {"payload_too_large", "The request body is larger than the server accepts"},
            415, new String[] {"unsupported_media_type", "Send the request body as application/json"},
            500, new String[] {"internal_error", "The server could not complete the request; it has been logged"});

    private JsonErrorPages() {
    }

    public static void install(CamelContext context) {
        // One router per server: the API's, and the management port's (which keeps its own pages).
        VertxPlatformHttpRouter router = context.getRegistry().findByType(VertxPlatformHttpRouter.class).stream()
                .filter(r -> VertxPlatformHttpRouter.SERVER_TYPE_SERVER.equals(r.getServerType()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("The platform-http router is not available"));
        Router root = parentOf(router);
        if (root == null) {
            LOG.warn("The HTTP server's root router was not found: unknown paths answer with Vert.x's own 404 page");
        }
        for (Router target : new Router[] {router, root}) {
            if (target != null) {
                PAGES.forEach((status, page) -> target.errorHandler(status, ctx -> answer(ctx, status, page[0], page[1])));
            }
        }
        // Every answer of the API port: never cached (findings and keys must not linger in a
        // proxy or a browser's cache), never sniffed as another content type.
        (root != null ? root : router).route().order(-1000).handler(ctx -> {
            ctx.addHeadersEndHandler(v -> {
                var headers = ctx.response().headers();
                if (!headers.contains("Cache-Control")) {
                    headers.set("Cache-Control", "no-store");
                }
                headers.set("X-Content-Type-Options", "nosniff");
            });
            ctx.next();
        });
    }

    /** A body or form the HTTP layer could not decode is the client's mistake, not ours. */
    private static boolean isUndecodableRequest(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String name = t.getClass().getName();
            boolean multipart = t instanceof IllegalStateException && String.valueOf(t.getMessage()).contains("multipart");
            if (name.contains("Decoder") || name.contains("codec") || t instanceof IllegalArgumentException || multipart) {
                return true;
            }
        }
        return false;
    }

    /**
     * Camel mounts its routes on a sub-router; requests no route takes fail on the server's own
     * router, which is the request handler of the HTTP server Camel exposes. Null before the
     * server is listening, or if a future Camel hands requests to something else.
     */
    private static Router parentOf(VertxPlatformHttpRouter router) {
        VertxPlatformHttpServer server = router.getServer();
        HttpServer http = server == null ? null : server.getServer();
        return http != null && http.requestHandler() instanceof Router root && root != router ? root : null;
    }

    private static void answer(RoutingContext ctx, int status, String code, String message) {
        if (ctx.response().ended()) {
            return;
        }
        if (status == 500) {
            LOG.warn("The HTTP layer failed on {} {}: {}", ctx.request().method(), ctx.request().path(), String.valueOf(ctx.failure()));
        }
        if (status == 500 && isUndecodableRequest(ctx.failure())) {
            status = 400;
            code = "bad_request";
            message = "The request could not be decoded";
        }
        String body;
        try {
            body = JSON.writeValueAsString(Map.of("error", code, "message", message));
        } catch (JsonProcessingException e) {
            body = "{\"error\":\"" + code + "\"}";
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body);
    }
}
