package routes;

import org.apache.camel.CamelContext;

/**
 * The route builders' way to the wiring's objects: by type, never by a name in a string, so a
 * reader and an IDE can follow a call from a route to its class. Null when the running mode did
 * not bind one (a Step Functions bean outside aws mode): the routes that need it are then not built.
 */
final class Beans {

    private Beans() {
    }

    static <T> T of(CamelContext context, Class<T> type) {
        return context.getRegistry().findSingleByType(type);
    }
}
