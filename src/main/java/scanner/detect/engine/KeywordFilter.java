package scanner.detect.engine;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The engine's table of byte pairs, 64 KiB indexed by two bytes. An entry says whether a keyword's
 * anchor ends there (and, for the eight-byte path, whether the pair is an anchor or the pair after
 * one), whether an IBAN's check digits may start there, and what kind of byte the second one is
 * (digit, separator, "+"), so the byte-by-byte path can count the digits of the current number.
 *
 * <p>Each keyword is anchored at a rare pair of bytes rather than its first ("k_l" in "sk_live_",
 * "eyJ" in "eyJ"), so common English pairs do not fire. A keyword written in lower case matches in
 * any case ("aws" finds AWS_SECRET); one with a capital letter matches exactly.
 */
final class KeywordFilter {

    /**
     * Bits 0-1: what the second byte of the pair adds to the digit count of a number: 1 for a digit,
     * {@link #PLUS_WEIGHT} for "+", which stands for the country code of an international phone number.
     */
    static final int WEIGHT = 3;
    static final byte DIGIT = 1;
    static final byte PLUS_WEIGHT = 2;
    /** The second byte is a digit or a separator that may sit inside a number. */
    static final byte IN_RUN = 4;
    /** A keyword's anchor pair. */
    static final byte KEYWORD = 8;
    /** The second letter of a country code, then a digit: an IBAN may begin two bytes back. */
    static final byte COUNTRY = 16;
    /**
     * A keyword's anchor pair, or the pair that follows it in the keyword. The eight-byte path looks
     * only at the pairs starting at even offsets of a word; whichever byte q of the word an anchor
     * ends at, one of them is the anchor (q-1, q) or the pair after it (q, q+1).
     */
    static final byte NEAR_ANCHOR = 32;

    /** The most common pairs of letters in English (and so in logs and documents), any case. */
    private static final String COMMON_PAIRS = " th he in er an re on at en nd ti es or te of ed is it al ar st to nt ng se ha as "
            + "ou io le ve co me de hi ri ro ic ne ea ra ce li ch ll be ma si om ur ca el ta la ns di fo ho pe ec pr no ct "
            + "us ac ot il tr ly nc et ut ss so rs un lo wa ge ie wh ee wi em ad ol rt po we na ul ni ts mo ow pa im mi "
            + "ai sh ir su id os iv ia am fi ci vi pl ig tu ev ld ry mp fe bl ab gh ty op wo sa ay ex ke fr oo av ag if "
            + "ap gr od bo sp rd do uc bu ei ov by rm ep tt oc fa ef cu rn sc gi da yo ";

    /** Rough frequency of each byte in text (higher is more common), to pick rare anchors. */
    private static final int[] FREQUENCY = new int[256];

    static {
        String byFrequency = " etaoinsrhldcumfpgwybvkxjqz";
        for (int c = 0; c < 256; c++) {
            FREQUENCY[c] = 2;
        }
        for (int i = 0; i < byFrequency.length(); i++) {
            FREQUENCY[byFrequency.charAt(i)] = 40 - i;
        }
        for (int c = '0'; c <= '9'; c++) {
            FREQUENCY[c] = 20;
        }
        for (int c = 'A'; c <= 'Z'; c++) {
            FREQUENCY[c] = 6;
        }
        for (char c : new char[] {'.', ',', '"', '\n', '='}) {
            FREQUENCY[c] = 15;
        }
        for (char c : new char[] {'-', ':', '/'}) { // dates, times, paths, URLs, identifiers
            FREQUENCY[c] = 25;
        }
        FREQUENCY['_'] = 10;
    }

    final byte[] pairs = new byte[1 << 16];
    final byte[][] keywords;
    final boolean[] anyCase;
    /** Where in the keyword its anchor pair starts. */
    final int[] anchorOffset;
    /** The pairs marked {@link #NEAR_ANCHOR}, as a bit set (bit {@code pair & 63} of word {@code pair >>> 6}). */
    final long[] nearAnchor = new long[(1 << 16) / 64];

    /** Keywords anchored at each pair (folded for any-case keywords), or null. */
    private final int[][] byAnchor = new int[1 << 16][];

    KeywordFilter(List<String> words) {
        keywords = new byte[words.size()][];
        anyCase = new boolean[words.size()];
        anchorOffset = new int[words.size()];
        for (int k = 0; k < words.size(); k++) {
            String word = words.get(k);
            anyCase[k] = word.equals(word.toLowerCase(Locale.ROOT));
            byte[] w = word.getBytes(StandardCharsets.ISO_8859_1);
            keywords[k] = w;
            if (w.length == 1) {
                // A one-byte keyword is anchored at every pair that ends with it, and near every pair that starts with it.
                for (int c : variants(w[0] & 0xff, anyCase[k])) {
                    for (int other = 0; other < 256; other++) {
                        addAnchor((other << 8) | c, k);
                        pairs[(c << 8) | other] |= NEAR_ANCHOR;
                    }
                }
                continue;
            }
            // The anchor and the pair after it are both marked NEAR_ANCHOR, so choose them together.
            int best = 0;
            for (int j = 1; j + 2 < w.length; j++) {
                if (cost(w, j, anyCase[k]) + cost(w, j + 1, anyCase[k]) < cost(w, best, anyCase[k]) + cost(w, best + 1, anyCase[k])) {
                    best = j;
                }
            }
            anchorOffset[k] = best;
            for (int a : variants(w[best] & 0xff, anyCase[k])) {
                for (int b : variants(w[best + 1] & 0xff, anyCase[k])) {
                    addAnchor((a << 8) | b, k);
                }
            }
            for (int b : variants(w[best + 1] & 0xff, anyCase[k])) {
                if (best + 2 < w.length) {
                    for (int c : variants(w[best + 2] & 0xff, anyCase[k])) {
                        pairs[(b << 8) | c] |= NEAR_ANCHOR;
                    }
                } else {
                    for (int c = 0; c < 256; c++) { // a two-byte keyword: whatever follows it
                        pairs[(b << 8) | c] |= NEAR_ANCHOR;
                    }
                }
            }
        }
        for (int pair = 0; pair < pairs.length; pair++) {
            if ((pairs[pair] & NEAR_ANCHOR) != 0) {
                nearAnchor[pair >>> 6] |= 1L << pair;
            }
        }
    }

    private void addAnchor(int pair, int k) {
        pairs[pair] |= KEYWORD | NEAR_ANCHOR;
        int[] list = byAnchor[pair];
        if (list == null) {
            byAnchor[pair] = new int[] {k};
        } else if (list[list.length - 1] != k) {
            int[] bigger = java.util.Arrays.copyOf(list, list.length + 1);
            bigger[list.length] = k;
            byAnchor[pair] = bigger;
        }
    }

    /** How often the pair at {@code w[j]} may be expected in text: letter frequencies, and common English pairs. */
    private static int cost(byte[] w, int j, boolean anyCase) {
        int a = w[j] & 0xff;
        int b = w[j + 1] & 0xff;
        int fa = anyCase && a >= 'a' && a <= 'z' ? FREQUENCY[a] + FREQUENCY[a - 32] : FREQUENCY[a];
        int fb = anyCase && b >= 'a' && b <= 'z' ? FREQUENCY[b] + FREQUENCY[b - 32] : FREQUENCY[b];
        String folded = new String(new char[] {(char) fold(a), (char) fold(b)});
        boolean common = COMMON_PAIRS.contains(" " + folded + " ")
                || (Character.isLetter(a) && "-_.".indexOf(b) >= 0); // the end of a word in an identifier: "worker-", "user_"
        return common ? 4 * fa * fb : fa * fb;
    }

    /**
     * Marks every pair by the class of its second byte: digits, and separators allowed inside
     * numbers, of which "+" weighs {@link #PLUS_WEIGHT} digits.
     */
    void markRunBytes(char[] separators) {
        for (int before = 0; before < 256; before++) {
            for (int d = '0'; d <= '9'; d++) {
                pairs[(before << 8) | d] |= DIGIT | IN_RUN;
            }
            for (char c : separators) {
                pairs[(before << 8) | c] |= c == '+' ? PLUS_WEIGHT | IN_RUN : IN_RUN;
            }
        }
    }

    /** Marks the pairs where an IBAN may start its check digits: the last letter of a country code, then a digit. */
    void markCountryCodes(Iterable<String> codes) {
        for (String code : codes) {
            for (int d = '0'; d <= '9'; d++) {
                pairs[(code.charAt(1) << 8) | d] |= COUNTRY;
            }
        }
    }

    /** Keywords anchored at {@code pair}, or null. */
    int[] anchoredAt(int pair) {
        return byAnchor[pair];
    }

    /** Whether keyword {@code k} is at {@code bytes[start..]}. */
    boolean matchesAt(int k, byte[] bytes, int start, int length) {
        byte[] w = keywords[k];
        if (start < 0 || start + w.length > length) {
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

    private static int[] variants(int c, boolean anyCase) {
        return anyCase && c >= 'a' && c <= 'z' ? new int[] {c, c - 32} : new int[] {c};
    }
}
