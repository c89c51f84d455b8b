package scanner.jobs;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The seed's status rules: the listing stage's Step Functions status and the object counts
 * decide the job's status, its message and its progress.
 */
public final class JobStatusRules {

    public static final String LISTING_MESSAGE = "Step Functions is listing S3 objects";

    private JobStatusRules() {
    }

    /** What a caller sees of a job's state. */
    public record Verdict(String status, String statusMessage, double progressPercent) {
    }

    public static Verdict evaluate(String stepFunctionStatus, Counts counts, String stageReason) {
        double progress = progressPercent(counts);
        String reason = stageReason == null || stageReason.isBlank() ? "" : ": " + stageReason;
        return switch (stepFunctionStatus) {
            case "RUNNING" -> new Verdict("listing", LISTING_MESSAGE, progress);
            case "SUCCEEDED" -> {
                if (counts.queued() + counts.processing() > 0) {
                    yield new Verdict("processing",
                            "Scanning objects (" + (counts.succeeded() + counts.failed()) + "/" + counts.total() + ")",
                            progress);
                }
                yield counts.total() == 0
                        ? new Verdict("completed", "No objects found to scan", progress)
                        : new Verdict("completed", "All objects scanned", progress);
            }
            case "FAILED" -> new Verdict("failed", "Step Functions execution failed" + reason, progress);
            case "TIMED_OUT" -> new Verdict("failed", "Step Functions execution timed out" + reason, progress);
            case "ABORTED" -> new Verdict("aborted", "Job aborted" + reason, progress);
            default -> throw new IllegalArgumentException("Unknown Step Functions status: " + stepFunctionStatus);
        };
    }

    /** (succeeded + failed) / total * 100, two decimals; 0 when nothing was found. */
    public static double progressPercent(Counts counts) {
        if (counts.total() == 0) {
            return 0.0;
        }
        return BigDecimal.valueOf((counts.succeeded() + counts.failed()) * 100L)
                .divide(BigDecimal.valueOf(counts.total()), 2, RoundingMode.HALF_UP)
                .doubleValue();
    }

    /** Object counts of one job. */
    public record Counts(long total, long queued, long processing, long succeeded, long failed, long totalFindings) {
    }
}
