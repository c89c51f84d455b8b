package scanner.scan;

import java.util.List;

/**
 * How scanning one object ended: succeeded with its findings, or failed with a reason. When the
 * object held more findings than the cap, {@code findingsDropped} says how many were not kept.
 */
public record ScanOutcome(boolean succeeded, String error, List<Finding> findings, long findingsDropped) {

    public static ScanOutcome succeeded(List<Finding> findings) {
        return new ScanOutcome(true, null, List.copyOf(findings), 0);
    }

    public static ScanOutcome succeeded(Findings findings) {
        return new ScanOutcome(true, null, List.copyOf(findings.kept()), findings.dropped());
    }

    public static ScanOutcome failed(String reason) {
        return new ScanOutcome(false, reason, List.of(), 0);
    }

    public boolean findingsTruncated() {
        return findingsDropped > 0;
    }
}
