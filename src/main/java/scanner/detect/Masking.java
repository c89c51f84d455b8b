package scanner.detect;

/** Masks raw values so that too little is left to recover them. */
public final class Masking {

    private Masking() {
    }

    /** Keeps {@code head} leading and {@code tail} trailing characters and stars the rest. */
    public static String keepEnds(String value, int head, int tail) {
        if (value.length() <= head + tail) {
            return "*".repeat(value.length());
        }
        return value.substring(0, head) + "*".repeat(value.length() - head - tail) + value.substring(value.length() - tail);
    }

    /** Replaces every digit but the last {@code keep} with a star, keeping separators: {@code ***-**-6789}. */
    public static String digitsExceptLast(String value, int keep) {
        int digits = 0;
        for (int i = 0; i < value.length(); i++) {
            if (Character.isDigit(value.charAt(i))) {
                digits++;
            }
        }
        StringBuilder out = new StringBuilder(value.length());
        int seen = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isDigit(c)) {
                seen++;
                out.append(seen > digits - keep ? c : '*');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
