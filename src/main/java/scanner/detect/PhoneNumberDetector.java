package scanner.detect;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.regex.Pattern;
import scanner.detect.engine.Latin1Text;

/**
 * Phone numbers in international (+CC …) and NANP forms, confirmed as valid numbers by Google's
 * libphonenumber. Dates, times, IP addresses and version strings are turned away before it.
 */
public final class PhoneNumberDetector implements Detector {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final int MAX_LENGTH = 32;
    private static final Pattern DATE = Pattern.compile("\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}.*|\\d{1,2}[-/.]\\d{1,2}[-/.]\\d{4}.*");
    private static final Pattern DOTTED = Pattern.compile("\\d{1,3}(?:\\.\\d{1,3}){2,}");
    private static final Pattern NAIVE = Pattern.compile(
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
        return 8;
    }

    @Override
    public int maxMatchLength() {
        return MAX_LENGTH;
    }

    @Override
    public Pattern naivePattern() {
        return NAIVE;
    }

    @Override
    public void verify(Latin1Text text, int start, int end, MatchSink sink) {
        // Take in a "+" or "(" right before the first digit.
        while (start > 0 && (text.byteAt(start - 1) == '+' || text.byteAt(start - 1) == '(')) {
            start--;
        }
        int before = text.byteAt(start - 1);
        int after = text.byteAt(end);
        if (isWordChar(before) || isWordChar(after) || after == ':' || before == ':' || before == '.' || before == '-'
                || end - start > MAX_LENGTH) {
            return; // part of an identifier, a time, a longer number or a path
        }
        String candidate = text.substring(start, end);
        boolean international = candidate.charAt(0) == '+';
        long digits = candidate.chars().filter(Character::isDigit).count();
        if ((!international && digits < 10) || DATE.matcher(candidate).matches() || DOTTED.matcher(candidate).matches()
                || !hasSeparatorsOrPlus(candidate, digits)) {
            return;
        }
        for (PhoneNumberMatch match : PHONES.findNumbers(candidate, "US", PhoneNumberUtil.Leniency.VALID, 5)) {
            String raw = match.rawString();
            sink.match(start + match.start(), start + match.end(), raw, Masking.digitsExceptLast(raw, 2));
        }
    }

    /** A bare run of ten or more digits is far more often an id, an amount or a timestamp than a phone number. */
    private static boolean hasSeparatorsOrPlus(String candidate, long digits) {
        return candidate.charAt(0) == '+' || candidate.length() > digits;
    }

    private static boolean isWordChar(int b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '_';
    }
}
