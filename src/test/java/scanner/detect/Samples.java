package scanner.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Test values made at test time; none is a real secret or a real person's number. */
final class Samples {

    private static final Random RANDOM = new Random(20261123);

    private Samples() {
    }

    /** A number of {@code length} digits starting with {@code prefix}, with a valid Luhn check digit. */
    static String luhnNumber(String prefix, int length) {
        StringBuilder digits = new StringBuilder(prefix);
        while (digits.length() < length - 1) {
            digits.append(RANDOM.nextInt(10));
        }
        for (int check = 0; check < 10; check++) {
            String candidate = digits.toString() + check;
            if (scanner.detect.CreditCardDetector.luhnValid(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("no check digit");
    }

    /** The same number with its check digit changed: fails Luhn. */
    static String corruptCheckDigit(String number) {
        char last = number.charAt(number.length() - 1);
        char other = (char) ('0' + ((last - '0' + 1) % 10));
        return number.substring(0, number.length() - 1) + other;
    }

    static String base32(int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    static List<Detector.Match> find(Detector detector, String text) {
        List<Detector.Match> matches = new ArrayList<>();
        detector.find(text, matches::add);
        return matches;
    }
}
