package scanner.detect;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import scanner.detect.engine.DetectionEngine;

/** Test values made at test time; none is a real secret or a real person's number. */
final class Samples {

    private static final Random RANDOM = new SecureRandom();
    static final String BASE62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

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
            if (CreditCardDetector.luhnValid(candidate)) {
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
        return random("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", length);
    }

    static String base62(int length) {
        return random(BASE62, length);
    }

    static String random(String alphabet, int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    static String digits(int length) {
        return random("0123456789", length);
    }

    /** A 40-character AWS-style secret: base64 alphabet with upper, lower and digits. */
    static String awsSecret() {
        String s;
        do {
            s = random(BASE62 + "/+", 40);
        } while (!AwsSecretAccessKeyDetector.looksRandom(s));
        return s;
    }

    static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static String jwt() {
        return base64Url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + base64Url("{\"sub\":\"" + base62(8) + "\",\"iat\":1700000000}")
                + "." + random(BASE62 + "-_", 43);
    }

    /** A PEM block whose body is random base64 (not a real key). */
    static String privateKey(String kind) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            body.append(random(BASE62 + "+/", 64)).append('\n');
        }
        String label = kind.isEmpty() ? "PRIVATE KEY" : kind + " PRIVATE KEY";
        return "-----BEGIN " + label + "-----\n" + body + "-----END " + label + "-----";
    }

    /** An IBAN of {@code country} with a random BBAN of the right length and its true check digits. */
    static String iban(String country) {
        int length = IbanDetector.LENGTHS.get(country);
        String bban = digits(length - 4);
        for (int check = 2; check <= 98; check++) {
            String candidate = country + String.format("%02d", check) + bban;
            if (IbanDetector.mod97(candidate) == 1) {
                return candidate;
            }
        }
        throw new AssertionError("no check digits");
    }

    static List<DetectionEngine.Found> find(Detector detector, String text) {
        return scanner.detect.engine.EngineSearch.findAll(new DetectionEngine(List.of(detector), AllowList.EMPTY), text);
    }
}
