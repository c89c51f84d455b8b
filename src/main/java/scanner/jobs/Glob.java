package scanner.jobs;

import java.util.Arrays;

/**
 * A key glob matched in linear time, without regular expressions: {@code *} any run within one
 * path segment, {@code **} any run across segments, {@code ?} one character but '/', everything
 * else itself. The pattern runs as a set of positions advanced together over the key (a Thompson
 * simulation), so a hostile pattern such as {@code **?} thirty times over costs at most
 * key length × pattern length steps and never backtracks.
 */
public final class Glob {

    private static final char LITERAL = 0;
    private static final char ONE = 1;
    private static final char SEGMENT_RUN = 2;
    private static final char ANY_RUN = 3;

    private final char[] kinds;
    private final char[] literals;

    private Glob(char[] kinds, char[] literals) {
        this.kinds = kinds;
        this.literals = literals;
    }

    public static Glob compile(String glob) {
        char[] kinds = new char[glob.length()];
        char[] literals = new char[glob.length()];
        int n = 0;
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                i++;
                if (n > 0 && kinds[n - 1] == ANY_RUN) {
                    continue; // "****" is "**"
                }
                kinds[n++] = ANY_RUN;
            } else if (c == '*') {
                if (n > 0 && (kinds[n - 1] == SEGMENT_RUN || kinds[n - 1] == ANY_RUN)) {
                    continue; // "**" then "*", or "*" twice, match what the first alone does
                }
                kinds[n++] = SEGMENT_RUN;
            } else if (c == '?') {
                kinds[n++] = ONE;
            } else {
                kinds[n] = LITERAL;
                literals[n++] = c;
            }
        }
        return new Glob(Arrays.copyOf(kinds, n), Arrays.copyOf(literals, n));
    }

    public boolean matches(String key) {
        int m = kinds.length;
        boolean[] current = new boolean[m + 1];
        boolean[] next = new boolean[m + 1];
        current[0] = true;
        close(current);
        for (int k = 0; k < key.length(); k++) {
            char c = key.charAt(k);
            Arrays.fill(next, false);
            boolean any = false;
            for (int s = 0; s < m; s++) {
                if (!current[s]) {
                    continue;
                }
                switch (kinds[s]) {
                    case LITERAL -> {
                        if (literals[s] == c) {
                            next[s + 1] = any = true;
                        }
                    }
                    case ONE -> {
                        if (c != '/') {
                            next[s + 1] = any = true;
                        }
                    }
                    case SEGMENT_RUN -> {
                        if (c != '/') {
                            next[s] = any = true;
                        }
                    }
                    default -> next[s] = any = true;
                }
            }
            if (!any) {
                return false;
            }
            close(next);
            boolean[] swap = current;
            current = next;
            next = swap;
        }
        return current[m];
    }

    /** A run may match nothing: being before it is being after it too. */
    private void close(boolean[] states) {
        for (int s = 0; s < kinds.length; s++) {
            if (states[s] && (kinds[s] == SEGMENT_RUN || kinds[s] == ANY_RUN)) {
                states[s + 1] = true;
            }
        }
    }
}
