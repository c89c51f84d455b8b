package scanner.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import org.apache.camel.support.service.ServiceSupport;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scanner.config.ConfigurationException;
import scanner.config.ScannerConfig;

/**
 * Local mode's servers, inside this JVM: S3 (S3Proxy on the local filesystem), SQS (ElasticMQ) and,
 * when no database is configured, PostgreSQL. They speak the real wire protocols, so the routes
 * reach them exactly as they reach AWS. Stopped with the Camel context, or by {@link #close()}
 * when start-up fails (their threads would otherwise keep the JVM alive).
 */
public final class LocalServers extends ServiceSupport implements scanner.config.LocalEnvironment {

    /** How the main code finds this class: ServiceLoader, in the local build only. */
    public static final class Starter implements scanner.config.LocalEnvironment.Starter {
        @Override
        public scanner.config.LocalEnvironment start(ScannerConfig config) throws Exception {
            return new LocalServers(config).startAll();
        }
    }


    private static final Logger LOG = LoggerFactory.getLogger(LocalServers.class);

    private final ScannerConfig config;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private String s3Endpoint;
    private String sqsEndpoint;
    private String jdbcUrl;
    private Path dataDir;

    public LocalServers(ScannerConfig config) {
        this.config = config;
    }

    /** Starts every server; on any failure stops those already started and rethrows. */
    public LocalServers startAll() throws Exception {
        try {
            startS3();
            startSqs();
            if (config.dbUrl().isBlank()) {
                startPostgres();
            }
            return this;
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    private void startS3() throws Exception {
        Path buckets = dataDirectory("s3");
        String host = config.localBindAddress();
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new FilesystemNio2BlobStore(buckets.toString()))
                .endpoint(URI.create("http://" + host + ":" + config.localS3Port()))
                .awsAuthentication(AuthenticationType.NONE, null, null) // any client credentials are accepted
                .ignoreUnknownHeaders(true)
                .build();
        proxy.start();
        started.push(proxy::stop);
        // start() returns before the server accepts connections.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The local S3 server did not start on port " + config.localS3Port());
            }
            Thread.sleep(10);
        }
        s3Endpoint = "http://" + clientHost(host) + ":" + proxy.getPort();
        LOG.info("Local S3 endpoint {} (buckets under {})", s3Endpoint, buckets);
    }

    private void startSqs() {
        String host = config.localBindAddress();
        SQSRestServer server = SQSRestServerBuilder
                .withInterface(host)
                .withPort(config.localSqsPort())
                // the host and port that queue URLs carry
                .withServerAddress(new NodeAddress("http", clientHost(host), config.localSqsPort(), ""))
                .start();
        started.push(server::stopAndWait);
        int port = server.waitUntilStarted().localAddress().getPort();
        sqsEndpoint = "http://" + clientHost(host) + ":" + port;
        LOG.info("Local SQS endpoint {}", sqsEndpoint);
    }

    private void startPostgres() throws IOException {
        Path dataDir = dataDirectory("postgres");
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false) // jobs survive a restart
                .start();
        started.push(postgres::close);
        jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
        LOG.info("Embedded PostgreSQL {} (data under {})", jdbcUrl, dataDir);
    }

    /**
     * A sub-directory of the data directory, created if missing, as an absolute path with no
     * {@code .} or {@code ..} and no symbolic link in it. S3Proxy checks every object path, once
     * normalized, against its root: a root such as {@code ./data/s3} never matched, so every
     * request was refused with 400 InvalidRequest.
     */
    private Path dataDirectory(String name) {
        if (dataDir == null) {
            dataDir = realDirectory(config.localDataDir());
        }
        return realDirectory(dataDir.resolve(name));
    }

    private Path realDirectory(Path dir) {
        try {
            return createRealDirectories(dir);
        } catch (IOException e) {
            throw new ConfigurationException("SCANNER_LOCAL_DATA_DIR (" + config.localDataDir()
                    + ") cannot be used: " + describe(e));
        }
    }

    /**
     * {@code mkdir -p} with the shell's meaning: each missing part is created, links are followed,
     * and {@code ..} goes up from where the path so far really is. Returns the real path.
     */
    static Path createRealDirectories(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath();
        Path current = absolute.getRoot();
        for (Path part : absolute) {
            String name = part.toString();
            if (name.equals("..")) {
                current = current.getParent() == null ? current : current.getParent();
            } else if (!name.equals(".")) {
                Path next = current.resolve(name);
                if (!Files.isDirectory(next)) {
                    try {
                        Files.createDirectory(next);
                    } catch (FileAlreadyExistsException e) {
                        if (!Files.isDirectory(next)) {
                            throw e; // a file, or a link to nowhere
                        }
                    }
                }
                current = next.toRealPath();
            }
        }
        return current;
    }

    private static String describe(IOException e) {
        if (e instanceof FileAlreadyExistsException) {
            return e.getMessage() + " exists and is not a directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied on " + e.getMessage();
        }
        return e.toString();
    }

    /** Where clients on this machine reach a server bound to {@code host}. */
    private static String clientHost(String host) {
        return host.equals("0.0.0.0") ? "127.0.0.1" : host;
    }

    @Override
    public String s3Endpoint() {
        return s3Endpoint;
    }

    @Override
    public String sqsEndpoint() {
        return sqsEndpoint;
    }

    /** The data directory as an absolute path without links, once a server has used it. */
    @Override
    public Path dataDir() {
        return dataDir;
    }

    /** The embedded database's URL, or null when the configured database is used. */
    @Override
    public String jdbcUrl() {
        return jdbcUrl;
    }

    @Override
    protected void doStop() {
        close();
    }

    @Override
    public synchronized void close() {
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                LOG.warn("Could not stop a local server cleanly: {}", e.toString());
            }
        }
    }
}
