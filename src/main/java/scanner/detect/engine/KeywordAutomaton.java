package scanner.detect.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Aho-Corasick over bytes, ASCII case folded, with a dense transition table: one table lookup
 * per byte whatever the number of keywords.
 */
final class KeywordAutomaton {

    /** next[state << 8 | byte]: the state after reading {@code byte}. */
    final char[] next;
    /** For each state, the ids of the keywords that end there (including through failure links), or null. */
    final int[][] matches;
    final int[] keywordLength;

    KeywordAutomaton(List<String> keywords) {
        keywordLength = new int[keywords.size()];
        List<int[]> children = new ArrayList<>();
        List<List<Integer>> outputs = new ArrayList<>();
        children.add(newRow());
        outputs.add(new ArrayList<>());
        for (int k = 0; k < keywords.size(); k++) {
            String keyword = keywords.get(k).toLowerCase(Locale.ROOT);
            keywordLength[k] = keyword.length();
            int state = 0;
            for (int i = 0; i < keyword.length(); i++) {
                int c = keyword.charAt(i) & 0xff;
                if (children.get(state)[c] < 0) {
                    children.get(state)[c] = children.size();
                    children.add(newRow());
                    outputs.add(new ArrayList<>());
                }
                state = children.get(state)[c];
            }
            outputs.get(state).add(k);
        }
        int states = children.size();
        if (states > Character.MAX_VALUE) {
            throw new IllegalArgumentException("too many keywords");
        }
        next = new char[states << 8];
        int[] fail = new int[states];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int c = 0; c < 256; c++) {
            int child = children.get(0)[fold(c)];
            if (child > 0) {
                fail[child] = 0;
                queue.add(child);
                next[c] = (char) child;
            }
        }
        while (!queue.isEmpty()) {
            int state = queue.poll();
            outputs.get(state).addAll(outputs.get(fail[state]));
            for (int c = 0; c < 256; c++) {
                int child = children.get(state)[fold(c)];
                if (child > 0 && c == fold(c)) {
                    fail[child] = next[(fail[state] << 8) | c];
                    queue.add(child);
                }
                next[(state << 8) | c] = child > 0 ? (char) child : next[(fail[state] << 8) | c];
            }
        }
        matches = new int[states][];
        for (int s = 0; s < states; s++) {
            List<Integer> out = outputs.get(s);
            matches[s] = out.isEmpty() ? null : out.stream().distinct().mapToInt(Integer::intValue).toArray();
        }
    }

    private static int fold(int c) {
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    }

    private static int[] newRow() {
        int[] row = new int[256];
        Arrays.fill(row, -1);
        return row;
    }
}
