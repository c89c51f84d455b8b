package scanner.jobs;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

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

    /**
     * One row of the seed's status table: a stage status, whether objects are left to scan
     * (null: either), and the job status they give. The only place the mapping is written: the
     * verdict reads it, and so does the SQL filter of {@code GET /jobs?status=}.
     */
    public record Rule(String stage, Boolean workLeft, String status) {
        boolean matches(String stage, boolean workLeft) {
            return this.stage.equals(stage) && (this.workLeft == null || this.workLeft == workLeft);
        }
    }

    public static final List<Rule> RULES = List.of(
            new Rule("RUNNING", null, "listing"),
            new Rule("SUCCEEDED", true, "processing"),
            new Rule("SUCCEEDED", false, "completed"),
            new Rule("FAILED", null, "failed"),
            new Rule("TIMED_OUT", null, "failed"),
            new Rule("ABORTED", null, "aborted"));

    /** The job status a stage status and the work left give. */
    public static String statusOf(String stepFunctionStatus, boolean workLeft) {
        return RULES.stream().filter(r -> r.matches(stepFunctionStatus, workLeft)).map(Rule::status).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown Step Functions status: " + stepFunctionStatus));
    }

    /** The rows that give {@code status}: what a filter on that status must match. */
    public static List<Rule> rulesGiving(String status) {
        return RULES.stream().filter(r -> r.status().equals(status)).toList();
    }

    public static Verdict evaluate(String stepFunctionStatus, Counts counts, String stageReason) {
        double progress = progressPercent(counts);
        String reason = stageReason == null || stageReason.isBlank() ? "" : ": " + stageReason;
        String status = statusOf(stepFunctionStatus, counts.queued() + counts.processing() > 0);
        String message = switch (stepFunctionStatus) {
            case "RUNNING" -> LISTING_MESSAGE;
            case "SUCCEEDED" -> status.equals("processing")
                    ? "Scanning objects (" + (counts.succeeded() + counts.failed()) + "/" + counts.total() + ")"
                    : counts.total() == 0 ? "No objects found to scan" : "All objects scanned";
            case "FAILED" -> "Step Functions execution failed" + reason;
            case "TIMED_OUT" -> "Step Functions execution timed out" + reason;
            default -> "Job aborted" + reason;
        };
        return new Verdict(status, message, progress);
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
