package scanner.wiring;

import scanner.config.LocalEnvironment;

import scanner.config.StartupBanner;

import scanner.config.PortCheck;

import scanner.config.ScannerConfig;

import scanner.config.ConfigurationException;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.aws2.s3.AWS2S3Component;
import org.apache.camel.component.aws2.sqs.Sqs2Component;
import org.apache.camel.StartupListener;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.service.ServiceSupport;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.apache.camel.component.sql.SqlComponent;
import scanner.api.ApiRequests;
import scanner.api.ApiKey;
import scanner.api.Health;
import scanner.api.JobsApi;
import scanner.jobs.JobReads;
import scanner.scan.ScanFailures;
import scanner.aws.AwsClients;
import scanner.listing.JobLaunches;
import scanner.listing.ListingLauncher;
import scanner.aws.MessageVisibility;
import scanner.aws.QueueDepth;
import scanner.scan.DatabaseCircuit;
import scanner.scan.DeadLetters;
import scanner.scan.LostWork;
import scanner.detect.DetectorSettings;
import scanner.jobs.JobRepository;
import scanner.listing.ListingRepository;
import scanner.listing.S3Lister;
import scanner.scan.ObjectRepository;
import scanner.formats.ContentExtractor;
import scanner.metrics.ScannerMetrics;
import scanner.jobs.ScheduleRepository;
import scanner.api.SchedulesApi;
import scanner.health.Dependencies;
import scanner.health.DependencyHealthCheck;
import org.apache.camel.health.HealthCheckRegistry;
import java.util.ArrayList;
import java.util.List;
import scanner.scan.ObjectScanner;
import scanner.scan.TextScanner;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Everything the routes stand on, made once before they start: in local mode the embedded
 * servers; the connection pool and its migrations; the AWS clients; the plain-Java beans.
 */
public final class Infrastructure implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(Infrastructure.class);

    /**
     * The API's keys. Nobody gets in by default: outside local mode an API without a key does
     * not start, unless SCANNER_API_AUTH=none asks for it (and every start says so loudly).
     */
    public static ApiKey apiKeys(ScannerConfig config) {
        ApiKey keys = ApiKey.of(config.apiKey(), config.apiReadKeys(), config.apiKeysFile());
        if (keys.isOpen() && config.hasRole(ScannerConfig.Role.API)) {
            if (config.apiAuth().equals("none")) {
                LOG.warn("SCANNER_API_AUTH=none: the REST API is OPEN. Anyone who reaches it reads every finding and "
                        + "object key, starts and aborts scans and deletes schedules. Set SCANNER_API_KEY instead.");
            } else if (config.mode() != ScannerConfig.Mode.LOCAL) {
                throw new ConfigurationException("The REST API needs a key outside local mode: set SCANNER_API_KEY (admin), "
                        + "SCANNER_API_READ_KEYS or SCANNER_API_KEYS_FILE, or SCANNER_API_AUTH=none to run it open");
            }
        }
        return keys;
    }

    /**
     * How long a lister may hold a job without renewing its lease (each page renews it) before
     * another lister takes over. Two listers on one page only repeat idempotent work.
     */
    private static final Duration LISTING_LEASE = Duration.ofSeconds(20);
    /** Objects re-enqueued per sweep transaction. */
    private static final int REQUEUE_BATCH = 1000;

    @Override
    public void configure(CamelContext context) throws Exception {
        Function<String, Optional<String>> properties = key -> context.getPropertiesComponent().resolveProperty(key);
        ScannerConfig config = ScannerConfig.from(properties);
        Registry registry = context.getRegistry();
        registry.bind("scannerConfig", config);
        LOG.info("Starting in {} mode with roles {}", config.mode().name().toLowerCase(), config.roles());
        registry.bind("apiKey", apiKeys(config)); // before anything starts: no key outside local mode stops here
        boolean managementAuth = properties.apply("camel.management.authentication-enabled").map(Boolean::parseBoolean).orElse(false);
        context.addStartupListener((started, alreadyStarted) -> scanner.api.ManagementGuard.install(started, managementAuth));
        List<PortCheck.Listener> listeners = PortCheck.listeners(config, properties);
        PortCheck.requireFree(listeners);

        RunMode mode = RunMode.of(config);
        registry.bind("runMode", mode);
        RunMode.Endpoints endpoints = mode.start(context, config);
        try {
            configureWith(context, config, mode, endpoints);
        } catch (Exception | Error e) {
            if (endpoints.local() != null) {
                endpoints.local().close(); // their threads would keep the JVM alive after a failed start
            }
            throw e;
        }
        LocalEnvironment local = endpoints.local();
        printWhenStarted(context, StartupBanner.text(config, listeners, local == null ? null : local.dataDir(),
                endpoints.jdbcUrl(), local != null && local.jdbcUrl() != null));
    }

    /** The banner goes to standard output, apart from the log, once every route has started. */
    private static void printWhenStarted(CamelContext context, String banner) throws Exception {
        context.addStartupListener(new StartupListener() {
            private boolean printed;

            @Override
            public void onCamelContextStarted(CamelContext camelContext, boolean alreadyStarted) {
                // not yet: routes are still starting
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext camelContext, boolean alreadyStarted) {
                if (!printed) {
                    printed = true;
                    System.out.println(System.lineSeparator() + banner);
                }
            }
        });
    }

    private void configureWith(CamelContext context, ScannerConfig config, RunMode mode, RunMode.Endpoints endpoints)
            throws Exception {
        Registry registry = context.getRegistry();
        HikariDataSource dataSource = dataSource(config, endpoints.jdbcUrl());
        registry.bind("dataSource", dataSource);
        context.addService(new Closing(dataSource), true, false);
        context.getComponent("sql", SqlComponent.class).setDataSource(dataSource);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();

        S3Client s3 = AwsClients.s3(config.awsRegion(), endpoints.s3(), config.isLocal());
        SqsClient sqs = AwsClients.sqs(config.awsRegion(), endpoints.sqs(), config.isLocal());
        registry.bind("s3Client", s3);
        registry.bind("sqsClient", sqs);
        context.getComponent("aws2-s3", AWS2S3Component.class).getConfiguration().setAmazonS3Client(s3);
        context.getComponent("aws2-sqs", Sqs2Component.class).getConfiguration().setAmazonSQSClient(sqs);

        ObjectMapper json = scanner.config.Json.MAPPER;
        registry.bind("apiRequests", new ApiRequests(json, config.maxObjectSize()));
        ListingRepository listing = new ListingRepository(dataSource, LISTING_LEASE, config.listingMaxAttempts());
        registry.bind("listingRepository", listing);
        registry.bind("s3Lister", new S3Lister(s3, config.listingPageSize()));
        ObjectRepository objects = new ObjectRepository(dataSource, config.claimLease());
        registry.bind("objectRepository", objects);
        // Stopped after the routes (which finish what they hold within the shutdown timeout) and
        // before the pool: whatever is still claimed then goes back to the queue's care at once.
        context.addService(new ReleasingClaims(objects), true, false);
        QueueDepth scanQueueDepth = new QueueDepth(sqs, config.scanQueue());
        // The product's meters go to the registry Camel's Prometheus service scrapes on
        // /observe/metrics: its own when it already made one, else ours, which it then adopts.
        io.micrometer.core.instrument.MeterRegistry meters = registry.lookupByNameAndType(
                org.apache.camel.component.micrometer.MicrometerConstants.METRICS_REGISTRY_NAME,
                io.micrometer.core.instrument.MeterRegistry.class);
        if (meters == null) {
            meters = new io.micrometer.prometheusmetrics.PrometheusMeterRegistry(io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT);
            registry.bind(org.apache.camel.component.micrometer.MicrometerConstants.METRICS_REGISTRY_NAME, meters);
        }
        LOG.debug("Meter registry {}", meters);
        registry.bind("scannerMetrics", new ScannerMetrics(meters, dataSource, scanQueueDepth));
        registry.bind("lostWork", new LostWork(dataSource, scanQueueDepth,
                config.requeueAfter(), REQUEUE_BATCH, config.isLocal()));
        registry.bind("objectScanner", new ObjectScanner(
                new ContentExtractor(new ContentExtractor.Limits(config.archiveMaxDepth(), config.archiveMaxEntries(),
                        config.archiveMaxRatio(), config.documentMaxChars(), config.documentMaxTime())),
                new TextScanner(DetectorSettings.engine(config.customDetectors(), config.allowList()),
                        config.maxFindingsPerObject()),
                config.maxObjectSize(), config.maxFindingsPerObject()));
        registry.bind("scanFailures", new ScanFailures(config.maxReceiveCount()));
        // The scan consumer stops while the database is down, and starts again when it answers.
        registry.bind("databaseCircuit", new DatabaseCircuit(dataSource, 2000));
        registry.bind("messageVisibility", new MessageVisibility(sqs, config.scanQueue()));
        // The objects of the units being scanned are fetched in parallel: four per consumer.
        registry.bind("scanFetchPool", new scanner.scan.ScanFetchPool(context.getExecutorServiceManager()
                .newFixedThreadPool(this, "scan-fetch", config.scanConcurrency() * 4)));
        registry.bind("deadLetters", new DeadLetters(sqs, dataSource, objects, config.scanQueue(), config.deadLetterQueue()));
        JobRepository jobRepository = new JobRepository(dataSource);
        registry.bind("jobRepository", jobRepository);
        scanner.api.ApiLimits limits = new scanner.api.ApiLimits(config.maxRunningJobs(), config.maxSchedules(),
                config.minScheduleInterval());
        List<DependencyHealthCheck> checks = new ArrayList<>(List.of(
                new DependencyHealthCheck(Dependencies.database(dataSource)),
                new DependencyHealthCheck(Dependencies.s3(s3)),
                new DependencyHealthCheck(Dependencies.sqs(sqs, config.scanQueue()))));
        ListingLauncher launcher = mode.listing(context, config, sqs, listing, jobRepository, checks);
        JobLaunches launches = new JobLaunches(jobRepository, launcher);
        registry.bind("jobLaunches", launches);
        scanner.jobs.ProgressCache progressCache = new scanner.jobs.ProgressCache(jobRepository);
        registry.bind("progressCache", progressCache);
        registry.bind("jobsApi", new JobsApi(jobRepository, new JobReads(dataSource), s3, limits, progressCache, launches));
        ScheduleRepository schedules = new ScheduleRepository(dataSource, config.maxRunningJobs());
        registry.bind("scheduleRepository", schedules);
        registry.bind("schedulesApi", new SchedulesApi(schedules,
                registry.lookupByNameAndType("apiRequests", scanner.api.ApiRequests.class), limits));
        // Readiness on the management port (/observe/health/ready) and GET /health ask the same checks.
        HealthCheckRegistry healthChecks = HealthCheckRegistry.get(context);
        for (DependencyHealthCheck check : checks) {
            check.setCamelContext(context);
            healthChecks.register(check);
        }
        registry.bind("health", new Health(checks));
    }

    private static HikariDataSource dataSource(ScannerConfig config, String jdbcUrl) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("scanner-db");
        hikari.setJdbcUrl(jdbcUrl);
        hikari.setUsername(config.dbUser());
        hikari.setPassword(config.dbPassword());
        hikari.setMaximumPoolSize(Math.max(config.dbPoolSize(), config.scanConcurrency() + 4));
        // Lets the driver send a page of inserts as multi-row statements.
        hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
        hikari.addDataSourceProperty("ApplicationName", "s3-scanner");
        // While the database is down, callers learn it within seconds (the API answers 503) instead
        // of waiting Hikari's default 30 s.
        hikari.setConnectionTimeout(3000);
        // Start even when the database is not up yet: the pool connects when it is.
        hikari.setInitializationFailTimeout(-1);
        return new HikariDataSource(hikari);
    }

    /** At shutdown, releases the claims of objects this process did not finish. */
    private static final class ReleasingClaims extends ServiceSupport {
        private final ObjectRepository objects;

        ReleasingClaims(ObjectRepository objects) {
            this.objects = objects;
        }

        @Override
        protected void doStop() {
            try {
                int released = objects.releaseAll();
                if (released > 0) {
                    LOG.info("Released {} objects still being scanned; another scanner takes them at once", released);
                }
            } catch (Exception e) {
                LOG.warn("Could not release the objects still being scanned ({}); their claims will lapse", e.toString());
            }
        }
    }

    /** Closes a resource when the Camel context stops. */
    static final class Closing extends ServiceSupport {
        private final AutoCloseable resource;

        Closing(AutoCloseable resource) {
            this.resource = resource;
        }

        @Override
        protected void doStop() throws Exception {
            resource.close();
        }
    }
}
