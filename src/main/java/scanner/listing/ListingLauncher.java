package scanner.listing;

/**
 * How a new job's listing begins and how an aborted job's listing ends: where the run modes
 * differ for a job, chosen once at start-up. In process (local mode, aws mode without a state
 * machine) a lister claims the job from the table, so there is nothing to start or stop; with Step
 * Functions an execution named after the job lists it.
 */
public interface ListingLauncher {

    /** Starts listing the job: the execution that lists it, or null when a lister takes it from the table. */
    String launch(String jobId, String bucket, String prefix) throws Exception;

    /** The job was aborted: the execution listing it (never null here) stops. */
    void stop(String executionArn) throws Exception;

    /** Local mode and aws mode without a state machine: listers poll the jobs table. */
    ListingLauncher IN_PROCESS = new ListingLauncher() {
        @Override
        public String launch(String jobId, String bucket, String prefix) {
            return null;
        }

        @Override
        public void stop(String executionArn) {
            // nothing runs outside this process: the lister sees the job aborted at its next page
        }

        @Override
        public String toString() {
            return "in-process listing";
        }
    };
}
