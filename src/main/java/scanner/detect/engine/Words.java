package scanner.detect.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Eight bytes at a time, with no table: which bytes may sit inside a number (a digit or a
 * separator) and how much each weighs toward a number's digit count (a digit 1, a "+" standing for
 * a country code {@link KeywordFilter#PLUS_WEIGHT}). The engine's fast path uses this to follow
 * stretches of digits across words without a byte-by-byte dependency.
 *
 * <p>A classified word holds, in each byte, bit 4 if the byte is inside a number, and weight bits:
 * bit 7 for a digit, bits 6 and 5 for a "+", so that a bit count over a byte mask is the weight.
 */
final class Words {

    static final VarHandle BIG_ENDIAN = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /** In a classified word: bit 4 of each byte inside a number. */
    static final long IN_RUN = 0x1010101010101010L;
    /** In a classified word: bit 7 of each digit; in a word of capitals, bit 7 of each capital. */
    static final long DIGIT = 0x8080808080808080L;
    /** In a classified word: the weight bits of each byte. */
    static final long WEIGHT = 0xe0e0e0e0e0e0e0e0L;

    private static final long HIGH = 0x8080808080808080L;
    private static final long LOW7 = 0x7f7f7f7f7f7f7f7fL;
    private static final long ONES = 0x0101010101010101L;

    /** The separators allowed inside a number; {@link #classify} is written for exactly these. */
    static final String SEPARATORS = " ()+-./";

    private Words() {
    }

    /** The eight bytes of {@code bytes} at {@code index}, the first in the top byte. */
    static long read(byte[] bytes, int index) {
        return (long) BIG_ENDIAN.get(bytes, index);
    }

    static long classify(long word) {
        long low7 = word & LOW7;
        long ascii = ~word & HIGH;
        long belowColon = ~(low7 + 0x4646464646464646L);                    // high bit: byte < 0x3a
        long digit = (low7 + 0x5050505050505050L) & belowColon & ascii;     // 0x30..0x39
        long punctuation = (low7 + 0x5858585858585858L) & belowColon & ascii // 0x28..0x39 ...
                & ~equal(low7, '*') & ~equal(low7, ',');                    // ... but "*" and ","
        long plus = equal(low7, '+') & ascii;
        long inRun = punctuation | (equal(low7, ' ') & ascii);
        return (inRun >>> 3) | (digit & HIGH) | (plus >>> 1) | (plus >>> 2);
    }

    /**
     * The high bit of each byte that weighs toward a number's digit count: a digit or a "+". Cheaper
     * than {@link #classify}, for the words (most of them) that have none.
     */
    static long weighty(long word) {
        long low7 = word & LOW7;
        long digit = (low7 + 0x5050505050505050L) & ~(low7 + 0x4646464646464646L);
        return (digit | equal(low7, '+')) & ~word & HIGH;
    }

    /** The high bit of each capital letter A-Z. */
    static long capitals(long word) {
        long low7 = word & LOW7;
        return (low7 + 0x3f3f3f3f3f3f3f3fL) & ~(low7 + 0x2525252525252525L) & ~word & HIGH;
    }

    /** The high bit of each byte equal to {@code c} (below 0x80), given the word's low seven bits. */
    private static long equal(long low7, int c) {
        return ~((low7 ^ (c * ONES)) + LOW7) & HIGH;
    }
}
