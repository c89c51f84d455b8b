package routes;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * The web dashboard: one page and its script and style sheet, served from the jar on the API
 * port. It only calls the REST API (with the tab's API key when one is required). A strict
 * Content-Security-Policy allows no inline script and nothing from elsewhere.
 */
public class DashboardRoutes extends RouteBuilder {

    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
            + "img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    @Override
    public void configure() {
        serve("/", "dashboard/index.html", "text/html; charset=utf-8", "dashboard-page",
                "The dashboard's page (GET /)");
        serve("/ui/app.js", "dashboard/app.js", "text/javascript; charset=utf-8", "dashboard-script",
                "The dashboard's script");
        serve("/ui/app.css", "dashboard/app.css", "text/css; charset=utf-8", "dashboard-style",
                "The dashboard's style sheet");
    }

    /** The file's bytes, read once: they are part of the jar and never change while it runs. */
    private static byte[] read(String resource) {
        try (java.io.InputStream in = DashboardRoutes.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing from the jar: " + resource);
            }
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void serve(String path, String resource, String contentType, String routeId, String description) {
        from("platform-http:" + path + "?httpMethodRestrict=GET")
                .routeId(routeId)
                .routeDescription(description)
                .removeHeaders("*")
                .setBody(constant(read(resource)))
                .setHeader(Exchange.CONTENT_TYPE, constant(contentType))
                .setHeader("Content-Security-Policy", constant(CSP))
                .setHeader("X-Content-Type-Options", constant("nosniff"))
                .setHeader("Referrer-Policy", constant("no-referrer"))
                .setHeader("Cache-Control", constant("no-cache"));
    }
}
