package scanner.scan;

import java.util.ArrayList;
import java.util.List;

/**
 * The findings of one object, up to a cap: past it, findings are counted and dropped, so a file
 * full of matches cannot fill the database, and the object says how many it dropped.
 */
public final class Findings {

    private final int cap;
    private final List<Finding> kept = new ArrayList<>();
    private long dropped;

    public Findings(int cap) {
        this.cap = cap;
    }

    public void add(Finding finding) {
        if (kept.size() < cap) {
            kept.add(finding);
        } else {
            dropped++;
        }
    }

    public List<Finding> kept() {
        return kept;
    }

    /** Findings past the cap: counted, not kept. */
    public long dropped() {
        return dropped;
    }
}
