package scanner.scan;

import java.util.List;

/** How scanning one object ended: succeeded with its findings, or failed with a reason. */
public record ScanOutcome(boolean succeeded, String error, List<Finding> findings) {

    public static ScanOutcome succeeded(List<Finding> findings) {
        return new ScanOutcome(true, null, List.copyOf(findings));
    }

    public static ScanOutcome failed(String reason) {
        return new ScanOutcome(false, reason, List.of());
    }
}
