package scanner.detect.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The eight-bytes-at-a-time classification agrees with a byte-by-byte one for every byte value in every position. */
class WordsTest {

    @Test
    void classifies_every_byte_value_in_every_position_like_a_byte_by_byte_check() {
        Random random = new Random(7);
        for (int value = 0; value < 256; value++) {
            for (int position = 0; position < 8; position++) {
                byte[] bytes = new byte[8];
                for (int k = 0; k < 8; k++) {
                    bytes[k] = (byte) random.nextInt(256); // neighbours of every kind, to catch carries
                }
                bytes[position] = (byte) value;
                long word = Words.read(bytes, 0);
                assertEquals(expectedClasses(bytes), Words.classify(word), "byte " + value + " at " + position);
                assertEquals(expectedCapitals(bytes), Words.capitals(word), "byte " + value + " at " + position);
                assertEquals(expectedWeighty(bytes), Words.weighty(word), "byte " + value + " at " + position);
            }
        }
    }

    private static long expectedClasses(byte[] bytes) {
        long classes = 0;
        for (int k = 0; k < 8; k++) {
            char c = (char) (bytes[k] & 0xff);
            int bits = 0;
            if (c >= '0' && c <= '9') {
                bits = 0x80 | 0x10;
            } else if (c == '+') {
                bits = 0x40 | 0x20 | 0x10;
            } else if (Words.SEPARATORS.indexOf(c) >= 0) {
                bits = 0x10;
            }
            classes |= (long) bits << (56 - 8 * k);
        }
        return classes;
    }

    private static long expectedWeighty(byte[] bytes) {
        long weighty = 0;
        for (int k = 0; k < 8; k++) {
            int c = bytes[k] & 0xff;
            if ((c >= '0' && c <= '9') || c == '+') {
                weighty |= 0x80L << (56 - 8 * k);
            }
        }
        return weighty;
    }

    private static long expectedCapitals(byte[] bytes) {
        long capitals = 0;
        for (int k = 0; k < 8; k++) {
            int c = bytes[k] & 0xff;
            if (c >= 'A' && c <= 'Z') {
                capitals |= 0x80L << (56 - 8 * k);
            }
        }
        return capitals;
    }
}
