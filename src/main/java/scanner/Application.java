package scanner;

import java.util.Map;
import org.apache.camel.main.Main;
import routes.ErrorPolicies;
import scanner.config.ConfigurationException;
import scanner.wiring.Infrastructure;
import scanner.config.PortCheck;
import scanner.config.LocalEnvironment;

/** Starts S3 Scanner with Camel Main. Configuration: application.properties, overridden by SCANNER_* variables. */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) throws Exception {
        Main main = create(Map.of());
        try {
            main.run(args);
        } catch (Exception e) {
            ConfigurationException configError = configurationError(e);
            if (configError == null) {
                throw e;
            }
            System.err.println(configError instanceof PortCheck.PortInUseException
                    ? configError.getMessage() : "Configuration error: " + configError.getMessage());
            System.exit(2);
        } finally {
            stopLocalServers(main);
        }
        System.exit(main.getExitCode());
    }

    /**
     * The application, not yet started. {@code overrides} win over every other property source
     * (tests use them for ports, database and data directory).
     */
    public static Main create(Map<String, String> overrides) {
        Main main = new Main();
        main.configure().addConfiguration(new Infrastructure());
        main.configure().addRoutesBuilder(new ErrorPolicies());
        main.configure().addRoutesBuilder(new RoutePlan()); // by roles and run mode, once the wiring is done
        overrides.forEach(main::addOverrideProperty);
        loopbackInLocalMode(overrides, System.getenv()).forEach(main::addOverrideProperty);
        return main;
    }

    /**
     * Local mode is a workstation's: its API and management port listen on 127.0.0.1 unless
     * SCANNER_HTTP_HOST / SCANNER_MANAGEMENT_HOST say otherwise. In aws mode (a container behind a
     * Service) they listen on every interface, and the API refuses to start without a key.
     */
    public static Map<String, String> loopbackInLocalMode(Map<String, String> overrides, Map<String, String> env) {
        String mode = overrides.getOrDefault("scanner.mode", env.getOrDefault("SCANNER_MODE", "local"));
        if (!"local".equalsIgnoreCase(mode.strip())) {
            return Map.of();
        }
        Map<String, String> hosts = new java.util.HashMap<>();
        if (!overrides.containsKey("camel.server.host") && !env.containsKey("SCANNER_HTTP_HOST")) {
            hosts.put("camel.server.host", "127.0.0.1");
        }
        if (!overrides.containsKey("camel.management.host") && !env.containsKey("SCANNER_MANAGEMENT_HOST")) {
            hosts.put("camel.management.host", "127.0.0.1");
        }
        return hosts;
    }

    private static ConfigurationException configurationError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConfigurationException c) {
                return c;
            }
        }
        return null;
    }

    /** After a failed start the embedded servers' threads would keep the JVM alive. */
    public static void stopLocalServers(Main main) {
        if (main.getCamelContext() != null) {
            LocalEnvironment local = main.getCamelContext().getRegistry().lookupByNameAndType("localServers", LocalEnvironment.class);
            if (local != null) {
                local.close();
            }
        }
    }
}
