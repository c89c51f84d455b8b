package scanner.detect.engine;

import java.util.List;
import java.util.Locale;

/**
 * The multi-keyword pre-filter: a bitset of every keyword's first two bytes, 8 KiB so it stays in
 * L1 cache. Testing a position costs one lookup with no state carried from byte to byte; only on
 * a hit are the few keywords that share that start compared in full.
 *
 * <p>A keyword written in lower case matches in any case ("aws" finds AWS_SECRET); one with a
 * capital letter matches exactly as written ("AKIA", "eyJ"), which keeps common English bigrams
 * such as "an" or "ar" from firing on AWS prefixes.
 */
final class KeywordFilter {

    final long[] bigrams = new long[1024];
    /** For each first byte, the keywords that may start with it (small arrays, hot in cache). */
    private final int[][] byFirst = new int[256][];
    private final boolean[] anyCase;
    /** Keywords of one byte, by byte (folded). */
    final int[][] single = new int[256][];
    final byte[][] keywords;
    /** Bytes that end some keyword bigram, or are a one-byte keyword (any case). */
    final boolean[] secondByte = new boolean[256];
    final boolean[] singleByte = new boolean[256];

    KeywordFilter(List<String> words) {
        keywords = new byte[words.size()][];
        anyCase = new boolean[words.size()];
        for (int k = 0; k < words.size(); k++) {
            String word = words.get(k);
            anyCase[k] = word.equals(word.toLowerCase(Locale.ROOT));
            byte[] w = word.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            keywords[k] = w;
            int[] firsts = anyCase[k] ? variants(w[0] & 0xff) : new int[] {w[0] & 0xff};
            if (w.length == 1) {
                for (int c : firsts) {
                    single[c] = append(single[c], k);
                    singleByte[c] = true;
                }
                continue;
            }
            int[] seconds = anyCase[k] ? variants(w[1] & 0xff) : new int[] {w[1] & 0xff};
            for (int a : firsts) {
                byFirst[a] = append(byFirst[a], k);
                for (int b : seconds) {
                    int index = (a << 8) | b;
                    bigrams[index >>> 6] |= 1L << index;
                    secondByte[b] = true;
                }
            }
        }
    }

    /** Whether some keyword starts with the bigram {@code (first, second)}. */
    boolean mayStart(int first, int second) {
        int index = (first << 8) | second;
        return (bigrams[index >>> 6] & (1L << index)) != 0;
    }

    /** Keywords that may start with {@code first}. */
    int[] startingWith(int first) {
        return byFirst[first];
    }

    /** A cheap first test before {@link #matchesAt}: the keyword's second byte. */
    boolean secondMatches(int k, int second) {
        int expected = keywords[k][1] & 0xff;
        return anyCase[k] ? fold(second) == expected : second == expected;
    }

    /** Whether keyword {@code k} is at {@code bytes[start..]}. */
    boolean matchesAt(int k, byte[] bytes, int start, int length) {
        byte[] w = keywords[k];
        if (start + w.length > length) {
            return false;
        }
        if (anyCase[k]) {
            for (int j = 0; j < w.length; j++) {
                if (fold(bytes[start + j] & 0xff) != (w[j] & 0xff)) {
                    return false;
                }
            }
        } else {
            for (int j = 0; j < w.length; j++) {
                if (bytes[start + j] != w[j]) {
                    return false;
                }
            }
        }
        return true;
    }

    static int fold(int c) {
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    }

    private static int[] variants(int c) {
        return c >= 'a' && c <= 'z' ? new int[] {c, c - 32} : new int[] {c};
    }

    private static int[] append(int[] array, int value) {
        if (array == null) {
            return new int[] {value};
        }
        int[] bigger = java.util.Arrays.copyOf(array, array.length + 1);
        bigger[array.length] = value;
        return bigger;
    }
}
