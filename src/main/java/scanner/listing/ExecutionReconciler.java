package scanner.listing;

import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scanner.jobs.JobRepository;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;

/**
 * What a described execution means for its job: one that ended makes the job's listing stage end
 * the same way (FAILED with the execution's error and cause, TIMED_OUT, ABORTED, SUCCEEDED);
 * objects already recorded stay counted. One replica reconciles at a time (a lease).
 */
public class ExecutionReconciler {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutionReconciler.class);

    private final JobRepository jobs;
    private final String holder = UUID.randomUUID().toString();
    private final Duration lease;

    public ExecutionReconciler(JobRepository jobs, Duration interval) {
        this.jobs = jobs;
        this.lease = interval.multipliedBy(3);
    }

    /** True when this replica holds (or took) the reconciler's lease. */
    public boolean lead() throws SQLException {
        return jobs.lead("reconcile-executions", holder, lease);
    }

    public void record(JobRepository.Execution execution, DescribeExecutionResponse described) throws SQLException {
        String status = described.statusAsString();
        if (status == null || status.equals("RUNNING") || status.equals("PENDING_REDRIVE")) {
            return;
        }
        String successor = StepFunctionsListing.continuedAs(described);
        if (status.equals("SUCCEEDED") && successor != null) {
            // handed over before its history grew too long: the listing goes on in the successor
            if (jobs.followExecution(execution.jobId(), successor)) {
                LOG.info("Job {}: its listing continues in execution {}", execution.jobId(), successor);
            }
            return;
        }
        if (jobs.endListing(execution.jobId(), status, StepFunctionsListing.reason(described))) {
            LOG.info("Job {}: its listing execution ended {}", execution.jobId(), status);
        }
    }
}
