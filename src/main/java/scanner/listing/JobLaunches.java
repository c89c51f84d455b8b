package scanner.listing;

import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scanner.jobs.JobRepository;
import scanner.jobs.ScheduleRepository;

/**
 * Starts and stops the listing of jobs through the run mode's {@link ListingLauncher}, and keeps
 * the jobs table true to what happened: the execution that lists a job, or why none could start.
 */
public class JobLaunches {

    private static final Logger LOG = LoggerFactory.getLogger(JobLaunches.class);

    /** The listing could not start; the job has ended FAILED with {@link #reason()}. */
    public static final class NotStarted extends Exception {
        private final String reason;

        NotStarted(String reason, Throwable cause) {
            super(reason, cause);
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    private final JobRepository jobs;
    private final ListingLauncher launcher;

    public JobLaunches(JobRepository jobs, ListingLauncher launcher) {
        this.jobs = jobs;
        this.launcher = launcher;
    }

    /** The new job's listing begins: the execution listing it (recorded on the job), or null in process. */
    public String launch(UUID jobId, String bucket, String prefix) throws SQLException, NotStarted {
        String executionArn;
        try {
            executionArn = launcher.launch(jobId.toString(), bucket, prefix);
        } catch (Exception e) {
            String reason = "Could not start the Step Functions execution: " + rootMessage(e);
            jobs.endListing(jobId, "FAILED", reason);
            throw new NotStarted(reason, e);
        }
        if (executionArn != null) {
            jobs.setExecutionArn(jobId, executionArn);
        }
        return executionArn;
    }

    /** The runs schedules started: each one's listing begins; one refused does not keep the others. */
    public void launchRuns(List<ScheduleRepository.Fired> runs) throws SQLException {
        for (ScheduleRepository.Fired run : runs) {
            try {
                launch(run.jobId(), run.bucket(), run.prefix());
            } catch (NotStarted e) {
                LOG.warn("Run {} of schedule {} failed: {}", run.jobId(), run.scheduleId(), e.reason());
            }
        }
    }

    /** The job was aborted: the execution listing it stops; if it cannot, the reconciler sees it end. */
    public void stop(UUID jobId, String executionArn) {
        if (executionArn == null) {
            return;
        }
        try {
            launcher.stop(executionArn);
        } catch (Exception e) {
            LOG.warn("Could not stop execution {} of job {}: {}", executionArn, jobId, e.getMessage());
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
