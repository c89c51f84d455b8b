package scanner.wiring;

import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.component.aws2.stepfunctions.StepFunctions2Component;
import routes.ExecutionReconcileRoutes;
import routes.InProcessListingRoutes;
import routes.StepFunctionsTaskRoutes;
import scanner.aws.AwsClients;
import scanner.aws.MessageVisibility;
import scanner.config.LocalEnvironment;
import scanner.config.ScannerConfig;
import scanner.health.Dependencies;
import scanner.health.DependencyHealthCheck;
import scanner.jobs.JobRepository;
import scanner.listing.ExecutionReconciler;
import scanner.listing.ListingLauncher;
import scanner.listing.ListingRepository;
import scanner.listing.StepFunctionsLauncher;
import scanner.listing.StepFunctionsListing;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The run mode, chosen once at start-up: local, aws, or aws with a Step Functions state machine.
 * It decides where S3, SQS and PostgreSQL answer, how a new job's listing begins
 * ({@link ListingLauncher}) and which listing and refresher routes run. Nothing below the wiring
 * asks which mode it runs in.
 */
public sealed interface RunMode permits RunMode.Local, RunMode.Aws, RunMode.AwsWithStepFunctions {

    static RunMode of(ScannerConfig config) {
        if (config.isLocal()) {
            return new Local();
        }
        return config.usesStepFunctions() ? new AwsWithStepFunctions() : new Aws();
    }

    /** Where the services answer; null fields mean "as configured". */
    record Endpoints(String jdbcUrl, String s3, String sqs, LocalEnvironment local) {
    }

    /** Where S3, SQS and PostgreSQL answer: local mode starts them in this JVM first. */
    default Endpoints start(CamelContext context, ScannerConfig config) throws Exception {
        return new Endpoints(config.dbUrl(), config.s3Endpoint(), config.sqsEndpoint(), null);
    }

    /** Once the clients exist: what the mode's listing needs, and how jobs' listing begins. */
    ListingLauncher listing(CamelContext context, ScannerConfig config, SqsClient sqs, ListingRepository listing,
                            JobRepository jobs, List<DependencyHealthCheck> checks) throws Exception;

    /** The lister's page loop (the page route, schedules and lost work run in every mode): in process by default. */
    default List<RoutesBuilder> listingRoutes() {
        return List.of(new InProcessListingRoutes());
    }

    /** What the refresher runs besides the refresh of job_progress. */
    default List<RoutesBuilder> refresherRoutes() {
        return List.of();
    }

    /** One workstation: embedded S3, SQS and PostgreSQL, one instance, listing in process. */
    record Local() implements RunMode {
        @Override
        public Endpoints start(CamelContext context, ScannerConfig config) throws Exception {
            LocalEnvironment local = LocalEnvironment.start(config);
            context.getRegistry().bind("localServers", local);
            context.addService(local, true, false);
            return new Endpoints(local.jdbcUrl() != null ? local.jdbcUrl() : config.dbUrl(), local.s3Endpoint(),
                    local.sqsEndpoint(), local);
        }

        @Override
        public ListingLauncher listing(CamelContext context, ScannerConfig config, SqsClient sqs, ListingRepository listing,
                                       JobRepository jobs, List<DependencyHealthCheck> checks) throws Exception {
            AwsClients.createQueues(sqs, config.scanQueue(), config.deadLetterQueue(), config.maxReceiveCount(),
                    MessageVisibility.TIMEOUT_SECONDS);
            // One instance (its queue lives in this JVM): a lease still held was held by this
            // instance before a restart, so the listing resumes at once.
            listing.releaseLeases();
            return ListingLauncher.IN_PROCESS;
        }
    }

    /** AWS without a state machine: replicas list in process, a lease per job. */
    record Aws() implements RunMode {
        @Override
        public ListingLauncher listing(CamelContext context, ScannerConfig config, SqsClient sqs, ListingRepository listing,
                                       JobRepository jobs, List<DependencyHealthCheck> checks) throws Exception {
            return ListingLauncher.IN_PROCESS;
        }
    }

    /** AWS with a state machine: each job's listing is an execution whose tasks the listers answer. */
    record AwsWithStepFunctions() implements RunMode {
        @Override
        public ListingLauncher listing(CamelContext context, ScannerConfig config, SqsClient sqs, ListingRepository listing,
                                       JobRepository jobs, List<DependencyHealthCheck> checks) throws Exception {
            SfnClient sfn = AwsClients.sfn(config.awsRegion(), config.sfnEndpoint(), false);
            checks.add(new DependencyHealthCheck(Dependencies.stepFunctions(sfn, config.stateMachineArn())));
            context.addService(new Infrastructure.Closing(sfn), true, false);
            context.getComponent("aws2-step-functions", StepFunctions2Component.class).getConfiguration().setAwsSfnClient(sfn);
            String listingQueueUrl = sqs.getQueueUrl(b -> b.queueName(config.listingQueue())).queueUrl();
            StepFunctionsListing stepFunctions = new StepFunctionsListing(sfn, listingQueueUrl, config.pagesPerExecution());
            context.getRegistry().bind("stepFunctionsListing", stepFunctions);
            context.getRegistry().bind("executionReconciler", new ExecutionReconciler(jobs, config.reconcileInterval()));
            return new StepFunctionsLauncher(sfn, config.stateMachineArn(), stepFunctions);
        }

        @Override
        public List<RoutesBuilder> listingRoutes() {
            return List.of(new StepFunctionsTaskRoutes());
        }

        @Override
        public List<RoutesBuilder> refresherRoutes() {
            return List.of(new ExecutionReconcileRoutes());
        }
    }
}
