package scanner.detect;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import scanner.detect.engine.Latin1Text;

/** Payment card numbers, plain or grouped with spaces or dashes, checked by Luhn and issuer rules. */
public final class CreditCardDetector implements Detector {

    /** Not inside a word, a decimal, a dashed id, or a path ("/testcase-detail/5390364397928448"). */
    static final Pattern PATTERN = Pattern.compile("(?<![\\w./\\\\-])\\d(?:[ -]?\\d){12,18}(?![\\w-]|\\.\\d)");

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
            if (raw.indexOf(' ') >= 0 && insideLongerGroupedNumber(text, m.start(), m.end())) {
                continue; // four digit groups inside an IBAN or account number: "ES64 2455 7014 6346 2183 5618"
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

    /**
     * Space-grouped digits that continue a longer grouped number: another group of digits right
     * after; or right before, a group holding a digit ("ES64 2455 ...", "0042 5555 ..."), or a
     * group of four capitals after one holding a digit (an IBAN's bank code: "GB12 QHKP 3672 ...").
     * A card number stands alone; a label before it ("Card 4111 ...", "VISA 4111 ...") holds no digit.
     */
    private static boolean insideLongerGroupedNumber(Latin1Text text, int start, int end) {
        if (text.byteAt(end) == ' ' && isDigit(text.byteAt(end + 1))) {
            return true;
        }
        int[] first = groupBefore(text, start);
        if (first == null) {
            return false;
        }
        if (first[1] == 1) {
            return true;
        }
        int[] second = groupBefore(text, first[0]);
        return first[2] == 1 && second != null && second[1] == 1 && second[2] == 1;
    }

    /**
     * The space-separated group of 2-6 letters and digits that ends one blank before {@code at}:
     * {start, holds a digit (1/0), is four capitals or digits (1/0)}; null when there is none.
     */
    private static int[] groupBefore(Latin1Text text, int at) {
        if (text.byteAt(at - 1) != ' ') {
            return null;
        }
        int i = at - 2;
        int length = 0;
        boolean digit = false;
        boolean capitals = true;
        while (i >= 0 && isAlnum(text.byteAt(i)) && length < 8) {
            int b = text.byteAt(i);
            digit |= isDigit(b);
            capitals &= isDigit(b) || (b >= 'A' && b <= 'Z');
            length++;
            i--;
        }
        if (length < 2 || length > 6 || (i >= 0 && isAlnum(text.byteAt(i)))) {
            return null;
        }
        return new int[] {i + 1, digit ? 1 : 0, capitals && length == 4 ? 1 : 0};
    }

    private static boolean isDigit(int b) {
        return b >= '0' && b <= '9';
    }

    private static boolean isAlnum(int b) {
        return isDigit(b) || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
    }
}
