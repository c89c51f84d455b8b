package scanner.config;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The ports this process listens on, checked before anything starts: a second instance on the
 * same machine is told which port is taken and which variable moves it, instead of failing
 * half-started with a bind stack trace.
 */
public final class PortCheck {

    /**
     * A port this process will listen on: what it serves, the variable that sets it, and for the
     * start-up banner the path to show and a hint.
     */
    public record Listener(String what, String envVar, String host, int port, String path, String hint) {

        /** Where a person on this machine reaches it. */
        public String url() {
            String client = host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host;
            return "http://" + client + ":" + port + path;
        }
    }

    private PortCheck() {
    }

    /** The listeners of this configuration: REST API and management always, the local servers in local mode. */
    public static List<Listener> listeners(ScannerConfig config, Function<String, Optional<String>> properties) {
        List<Listener> listeners = new ArrayList<>();
        String apiHost = properties.apply("camel.server.host").orElse("0.0.0.0");
        int apiPort = intProperty(properties, "camel.server.port", 8080);
        listeners.add(new Listener("REST API", "SCANNER_HTTP_PORT", apiHost, apiPort, "", "try: curl "
                + new Listener("", "", apiHost, apiPort, "/health", "").url()));
        listeners.add(new Listener("Management", "SCANNER_MANAGEMENT_PORT",
                properties.apply("camel.management.host").orElse("0.0.0.0"),
                intProperty(properties, "camel.management.port", 8081), "/observe/health",
                "also /observe/metrics and /observe/jolokia for Hawtio"));
        if (config.isLocal()) {
            listeners.add(new Listener("S3 endpoint", "SCANNER_LOCAL_S3_PORT", config.localBindAddress(),
                    config.localS3Port(), "", "path-style, any credentials"));
            listeners.add(new Listener("SQS endpoint", "SCANNER_LOCAL_SQS_PORT", config.localBindAddress(),
                    config.localSqsPort(), "", ""));
        }
        return listeners;
    }

    /** Throws, naming every taken port, when any of {@code listeners} cannot be bound now. */
    public static void requireFree(List<Listener> listeners) {
        List<Listener> taken = listeners.stream().filter(l -> l.port() != 0 && !isFree(l.host(), l.port())).toList();
        if (!taken.isEmpty()) {
            throw new PortInUseException(taken.stream()
                    .map(l -> "Port " + l.port() + " (" + l.what() + ") is already in use; set " + l.envVar()
                            + " to use another port.")
                    .collect(Collectors.joining(System.lineSeparator()))
                    + System.lineSeparator() + "Is S3 Scanner already running? Stop it, or give this one other ports.");
        }
    }

    static boolean isFree(String host, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true); // as the servers themselves bind: a port in TIME_WAIT is free
            socket.bind(new InetSocketAddress(host, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int intProperty(Function<String, Optional<String>> properties, String key, int defaultValue) {
        String value = properties.apply(key).map(String::trim).orElse(Integer.toString(defaultValue));
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new ConfigurationException("Invalid value '" + value + "' for " + key + ": expected a port number");
        }
    }

    /** A port this process needs is taken by another. */
    public static final class PortInUseException extends ConfigurationException {
        PortInUseException(String message) {
            super(message);
        }
    }
}
