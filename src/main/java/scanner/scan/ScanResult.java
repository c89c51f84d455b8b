package scanner.scan;

/**
 * What became of one object of a work unit: an outcome to store, or a retry (a transient error,
 * or an unexpected one before the last attempt) with its reason.
 */
public record ScanResult(ClaimedObject object, ScanOutcome outcome, String retryReason) {

    public static ScanResult done(ClaimedObject object, ScanOutcome outcome) {
        return new ScanResult(object, outcome, null);
    }

    public static ScanResult retry(ClaimedObject object, String reason) {
        return new ScanResult(object, null, reason);
    }

    public boolean isRetry() {
        return outcome == null;
    }
}
