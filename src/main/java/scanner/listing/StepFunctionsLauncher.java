package scanner.listing;

import software.amazon.awssdk.services.sfn.SfnClient;

/** aws mode with a state machine: each job is listed by an execution named after it. */
public final class StepFunctionsLauncher implements ListingLauncher {

    private final SfnClient sfn;
    private final String stateMachineArn;
    private final StepFunctionsListing listing;

    public StepFunctionsLauncher(SfnClient sfn, String stateMachineArn, StepFunctionsListing listing) {
        this.sfn = sfn;
        this.stateMachineArn = stateMachineArn;
        this.listing = listing;
    }

    /** One execution name per job: a retried start cannot list the job twice. */
    @Override
    public String launch(String jobId, String bucket, String prefix) {
        return sfn.startExecution(b -> b.stateMachineArn(stateMachineArn)
                .name(StepFunctionsListing.executionName(jobId))
                .input(listing.input(jobId, bucket, prefix))).executionArn();
    }

    @Override
    public void stop(String executionArn) {
        sfn.stopExecution(b -> b.executionArn(executionArn));
    }

    @Override
    public String toString() {
        return "Step Functions listing (" + stateMachineArn + ")";
    }
}
