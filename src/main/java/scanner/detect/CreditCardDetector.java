package scanner.detect;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import scanner.detect.engine.Latin1Text;

/** Payment card numbers, plain or grouped with spaces or dashes, checked by Luhn and issuer rules. */
public final class CreditCardDetector implements Detector {

    /** Not inside a word, a decimal, a dashed id, or a path ("/testcase-detail/5390364397928448"). */
    private static final Pattern PATTERN = Pattern.compile("(?<![\\w./\\\\-])\\d(?:[ -]?\\d){12,18}(?![\\w-]|\\.\\d)");

    @Override
    public String id() {
        return "CREDIT_CARD";
    }

    @Override
    public Trigger trigger() {
        return Trigger.DIGIT_RUN;
    }

    @Override
    public int minDigits() {
        return 13;
    }

    @Override
    public int maxMatchLength() {
        return 19 + 18;
    }

    @Override
    public Pattern naivePattern() {
        return PATTERN;
    }

    @Override
    public void verify(Latin1Text text, int start, int end, MatchSink sink) {
        Matcher m = Regions.matcher(PATTERN, text, start, end);
        while (m.find()) {
            String raw = m.group();
            if (raw.indexOf(' ') >= 0 && raw.indexOf('-') >= 0) {
                continue; // mixed separators are not how anyone writes a card number
            }
            if (text.byteAt(m.start() - 1) == '+') {
                continue; // "+4915123456789": an international phone number (a German mobile), never a card
            }
            String digits = raw.replace(" ", "").replace("-", "");
            if (hasKnownIssuer(digits) && luhnValid(digits)) {
                sink.match(m.start(), m.end(), raw, Masking.keepEnds(digits, 4, 4));
            }
        }
    }

    /** The Luhn (mod 10) checksum. */
    public static boolean luhnValid(String digits) {
        int sum = 0;
        boolean doubled = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (doubled) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }

    /** Issuer prefixes and the lengths each issuer uses. */
    static boolean hasKnownIssuer(String d) {
        int len = d.length();
        int p2 = Integer.parseInt(d.substring(0, 2));
        int p3 = Integer.parseInt(d.substring(0, 3));
        int p4 = Integer.parseInt(d.substring(0, 4));
        int p6 = Integer.parseInt(d.substring(0, 6));
        if (d.charAt(0) == '4') {
            return len == 13 || len == 16 || len == 19; // Visa
        }
        if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) {
            return len == 16; // Mastercard
        }
        if (p2 == 34 || p2 == 37) {
            return len == 15; // American Express
        }
        if (p4 == 6011 || (p3 >= 644 && p3 <= 649) || p2 == 65 || (p6 >= 622126 && p6 <= 622925)) {
            return len >= 16 && len <= 19; // Discover
        }
        if ((p3 >= 300 && p3 <= 305) || p2 == 36 || p2 == 38 || p2 == 39) {
            return len >= 14 && len <= 19; // Diners Club
        }
        if (p4 >= 3528 && p4 <= 3589) {
            return len >= 16 && len <= 19; // JCB
        }
        return false;
    }
}
