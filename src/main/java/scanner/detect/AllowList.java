package scanner.detect;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Values never reported: exact strings, or {@code regex:}-prefixed patterns that must match the whole value. */
public final class AllowList {

    public static final AllowList EMPTY = new AllowList(List.of());
    /** Time an allow-list pattern may take over one value. */
    static final long BUDGET_NANOS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(50);

    private final Set<String> exact = new HashSet<>();
    private final List<Pattern> patterns = new ArrayList<>();

    public AllowList(List<String> entries) {
        for (String entry : entries) {
            if (entry.startsWith("regex:")) {
                patterns.add(Pattern.compile(entry.substring("regex:".length())));
            } else {
                exact.add(entry);
            }
        }
    }

    public boolean allows(String value) {
        if (exact.contains(value)) {
            return true;
        }
        for (Pattern p : patterns) {
            try {
                if (p.matcher(new BoundedText(value, BUDGET_NANOS)).matches()) {
                    return true;
                }
            } catch (BoundedText.TooSlow e) {
                // a pattern too slow on this value does not allow it: the finding is reported
            }
        }
        return false;
    }
}
