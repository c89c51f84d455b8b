package scanner.detect;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.regex.Pattern;
import scanner.detect.engine.Latin1Text;

/**
 * Phone numbers in international (+CC …) and NANP forms, confirmed as valid numbers by Google's
 * libphonenumber. A digit run must also look like a phone number where it stands: grouped as a
 * numbering plan writes it, and not part of a word, path, time, decimal, range, expression or
 * list of numbers (real text is full of such runs; each false alarm costs someone's time).
 */
public final class PhoneNumberDetector implements Detector {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final int MAX_LENGTH = 32;
    /** How far before a blank-separated national number a phone word may stand. */
    private static final int KEYWORD_REACH = 32;
    /** NANP: optional trunk "1", then 3-3-4 with one separator throughout, or "(NXX) NXX-XXXX". */
    private static final Pattern NANP = Pattern.compile(
            "(?:1[-. ]?)?(?:\\(\\d{3}\\) ?\\d{3}([-. ])\\d{4}|\\d{3}([-. ])\\d{3}\\2\\d{4})");
    /**
     * "+" and a country code, then groups of digits with single separators; an area code may stand
     * in parentheses ("+1 (202) 456-1111", "+44 (0)20 7946 0958"). No dots mixed with other separators.
     */
    private static final Pattern INTERNATIONAL = Pattern.compile(
            "\\+\\d{1,3}(?:[ -]?\\(\\d{1,4}\\))?(?:[ -]?\\d{1,6}){1,6}|\\+\\d{1,3}(?:\\.\\d{1,6}){1,6}");
    /** Operators that, a blank away, make a number part of an expression ("-" and "*" also start list items). */
    private static final String OPERATORS = "+/<>";
    private static final Pattern PHONE_WORDS = Pattern.compile(
            "\\b(?:phone|tel|fax|mobile|cell|call|contact|voice|whatsapp|sms|ph)\\b[^0-9]*$");
    static final Pattern NAIVE = Pattern.compile(
            "(?<![\\w.+-])(?:\\+\\d{1,3}[ .-]?)?(?:\\(\\d{2,4}\\)[ .-]?|\\d{2,4}[ .-])\\d{3,4}[ .-]?\\d{3,4}(?![\\w-])");

    @Override
    public String id() {
        return "PHONE_NUMBER";
    }

    @Override
    public Trigger trigger() {
        return Trigger.DIGIT_RUN;
    }

    @Override
    public int minDigits() {
        return 10; // NANP numbers have ten digits; "+" and a country code count for two (see the engine)
    }

    @Override
    public int maxMatchLength() {
        return MAX_LENGTH;
    }


    @Override
    public int lookBehind() {
        return KEYWORD_REACH + 8;
    }

    @Override
    public void verify(Latin1Text text, int start, int end, MatchSink sink) {
        // Take in a "+" or "(" right before the first digit.
        while (start > 0 && (text.byteAt(start - 1) == '+' || text.byteAt(start - 1) == '(')) {
            start--;
        }
        if (end - start > MAX_LENGTH || !standsAlone(text, start, end)) {
            return;
        }
        boolean international = text.byteAt(start) == '+';
        int digits = 0;
        for (int i = start; i < end; i++) {
            int b = text.byteAt(i);
            digits += b >= '0' && b <= '9' ? 1 : 0;
        }
        if ((!international && digits < 10) || digits > 15) {
            return; // too short without a country code, or longer than E.164 allows
        }
        String candidate = text.substring(start, end);
        if (international ? !INTERNATIONAL.matcher(candidate).matches() : !nanpShaped(text, start, candidate)) {
            return;
        }
        if (international ? isPlausibleInternational(candidate) : isValidNumber(candidate)) {
            sink.match(start, end, candidate, Masking.digitsExceptLast(candidate, 2));
        }
    }

    /**
     * Nothing around the number makes it part of something else: a word, a path, a time, a
     * decimal, a range, an arithmetic expression, or a list of numbers.
     */
    private static boolean standsAlone(Latin1Text text, int start, int end) {
        int before = text.byteAt(start - 1);
        int after = text.byteAt(end);
        int afterNext = text.byteAt(end + 1);
        // Markup: the number is an element's text ("<phone>+44 20 3105 7792</phone>"): the tags are no operators.
        boolean tagBefore = before == '>' && (isWordChar(text.byteAt(start - 2)) || text.byteAt(start - 2) == '"');
        boolean tagAfter = after == '<' && (afterNext == '/' || isWordChar(afterNext));
        // A link to dial it ("tel:+1-202-456-1111", href="sms:...") and an extension ("x123", "ext. 12").
        boolean dialLink = before == ':' && dialScheme(text, start - 1);
        boolean extension = isExtension(text, end);
        if (isWordChar(before) || isWordChar(after) && !extension
                || !tagBefore && !dialLink && ":./\\-*^%&|<>~#@$".indexOf(before) >= 0 && before > 0
                || !tagAfter && ":/\\*^%&|<>~#@$".indexOf(after) >= 0 && after > 0) {
            return false;
        }
        // A comma or a tab is a field separator (CSV and TSV exports put a phone column beside
        // numeric ones): a number next to one stays a candidate. Only a dot, a dash or a plus
        // glued to further digits makes it a decimal, a range or a sum.
        if ((after == '.' || after == '-' || after == '+') && isDigit(afterNext)) {
            return false;
        }
        // Another number (or an operator) one or two spaces away: a table, a list, an expression.
        int b = start - 1;
        while (b >= start - 3 && text.byteAt(b) == ' ') {
            b--;
        }
        int a = end;
        while (a <= end + 2 && text.byteAt(a) == ' ') {
            a++;
        }
        if (b < start - 1 && (isDigit(text.byteAt(b)) || OPERATORS.indexOf(text.byteAt(b)) >= 0)) {
            return false;
        }
        return !(a > end && (isDigit(text.byteAt(a)) || OPERATORS.indexOf(text.byteAt(a)) >= 0));
    }

    /**
     * A number without a country code must be grouped as NANP numbers are written: 3-3-4 with one
     * separator throughout, or "(NXX) NXX-XXXX". Blanks alone separate many things (lists, tables),
     * so a number grouped only by blanks needs a phone word shortly before it.
     */
    private static boolean nanpShaped(Latin1Text text, int start, String candidate) {
        java.util.regex.Matcher m = NANP.matcher(candidate);
        if (!m.matches()) {
            return false;
        }
        String separator = m.group(1) != null ? m.group(1) : m.group(2);
        if (!" ".equals(separator)) {
            return true;
        }
        String context = text.substring(Math.max(0, start - KEYWORD_REACH), start).toLowerCase(java.util.Locale.ROOT);
        return PHONE_WORDS.matcher(context).find();
    }

    /** libphonenumber's full validation (numbering plan, length, area codes); "US" for numbers without "+". */
    /**
     * A number written with "+" and a country code is a phone number when its plan allows its
     * length (libphonenumber's isPossibleNumber): the "+" and the grouping already say what it is,
     * and exports and test data hold numbers from ranges not yet allocated (a French "+33 6 92 ..."),
     * which the stricter range check would miss. Dotted groups ("+1.22.333.4444" could be a version)
     * and national numbers must pass the full check.
     */
    private static boolean isPlausibleInternational(String candidate) {
        if (candidate.indexOf('.') >= 0) {
            return isValidNumber(candidate);
        }
        try {
            com.google.i18n.phonenumbers.Phonenumber.PhoneNumber number = PHONES.parse(candidate, "ZZ");
            return PHONES.getRegionCodeForCountryCode(number.getCountryCode()) != null
                    && !"ZZ".equals(PHONES.getRegionCodeForCountryCode(number.getCountryCode()))
                    && PHONES.isPossibleNumber(number);
        } catch (NumberParseException e) {
            return false;
        }
    }

    private static boolean isValidNumber(String candidate) {
        try {
            return PHONES.isValidNumber(PHONES.parse(candidate, "US"));
        } catch (NumberParseException e) {
            return false;
        }
    }

    private static boolean isDigit(int b) {
        return b >= '0' && b <= '9';
    }

    /** "tel", "sms", "fax" or "callto" (any case) right before the colon at {@code colon}, as a word of its own. */
    private static boolean dialScheme(Latin1Text text, int colon) {
        int i = colon;
        StringBuilder scheme = new StringBuilder();
        while (i > 0 && scheme.length() <= 6 && Character.isLetter(text.byteAt(i - 1))) {
            scheme.append((char) Character.toLowerCase(text.byteAt(--i)));
        }
        String word = scheme.reverse().toString();
        return (word.equals("tel") || word.equals("sms") || word.equals("fax") || word.equals("callto"))
                && (i == 0 || !isWordChar(text.byteAt(i - 1)));
    }

    /** An extension right after the number: "x123", "X 12", "ext123", "ext. 123". */
    private static boolean isExtension(Latin1Text text, int end) {
        int i = end;
        int c = Character.toLowerCase(text.byteAt(i));
        if (c == 'x') {
            i++;
        } else if (c == 'e' && Character.toLowerCase(text.byteAt(i + 1)) == 'x' && Character.toLowerCase(text.byteAt(i + 2)) == 't') {
            i += 3;
            if (text.byteAt(i) == '.') {
                i++;
            }
        } else {
            return false;
        }
        if (text.byteAt(i) == ' ') {
            i++;
        }
        int digits = 0;
        while (isDigit(text.byteAt(i + digits))) {
            digits++;
        }
        return digits >= 1 && digits <= 6 && !isWordChar(text.byteAt(i + digits));
    }

    private static boolean isWordChar(int b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '_';
    }
}
