package scanner.config;

import java.nio.file.Path;
import java.util.ServiceLoader;
import org.apache.camel.Service;

/**
 * Local mode's embedded S3, SQS and PostgreSQL. They live in the local build only (the default
 * Maven profile, which ./run-local.sh uses); the production image is built without them
 * (-Plean), and asking it for local mode says so.
 */
public interface LocalEnvironment extends Service, AutoCloseable {

    String s3Endpoint();

    String sqsEndpoint();

    Path dataDir();

    /** The embedded database's URL, or null when SCANNER_DB_URL names another one. */
    String jdbcUrl();

    @Override
    void close();

    /** Starts the local servers (found with ServiceLoader in the local build). */
    interface Starter {
        LocalEnvironment start(ScannerConfig config) throws Exception;
    }

    static LocalEnvironment start(ScannerConfig config) throws Exception {
        ConfigurationException missing = new ConfigurationException(
                "SCANNER_MODE=local needs the embedded S3, SQS and PostgreSQL, which this build leaves out "
                        + "(built with -Plean for production); set SCANNER_MODE=aws, or run the local build (./run-local.sh)");
        try {
            return ServiceLoader.load(Starter.class).findFirst().orElseThrow(() -> missing).start(config);
        } catch (java.util.ServiceConfigurationError | NoClassDefFoundError e) {
            throw missing;
        }
    }
}
