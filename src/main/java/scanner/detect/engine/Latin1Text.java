package scanner.detect.engine;

import java.nio.charset.StandardCharsets;

/**
 * The window's bytes seen as characters (ISO-8859-1, one char per byte) without copying, so
 * regular expressions run on it directly and every index is a byte offset.
 */
public final class Latin1Text implements CharSequence {

    private final byte[] bytes;
    private final int offset;
    private final int length;

    public Latin1Text(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.offset = offset;
        this.length = length;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public char charAt(int index) {
        return (char) (bytes[offset + index] & 0xff);
    }

    /** The byte at {@code index}, or -1 outside the text. */
    public int byteAt(int index) {
        return index < 0 || index >= length ? -1 : bytes[offset + index] & 0xff;
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new Latin1Text(bytes, offset + start, end - start);
    }

    public String substring(int start, int end) {
        return new String(bytes, offset + start, end - start, StandardCharsets.ISO_8859_1);
    }

    @Override
    public String toString() {
        return substring(0, length);
    }
}
