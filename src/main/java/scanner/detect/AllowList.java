package scanner.detect;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Values never reported: exact strings, or {@code regex:}-prefixed patterns that must match the whole value. */
public final class AllowList {

    public static final AllowList EMPTY = new AllowList(List.of());

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
            if (p.matcher(value).matches()) {
                return true;
            }
        }
        return false;
    }
}
