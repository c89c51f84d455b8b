package scanner.detect;

import com.google.i18n.phonenumbers.NumberParseException;
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
        return 10; // NANP numbers have ten digits; "+" and a country code count for two (see the engine)
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
        // Cheap checks on the bytes first: most digit runs in logs and CSV are not phone numbers.
        boolean international = text.byteAt(start) == '+';
        int digits = 0;
        int dots = 0;
        int longestGroup = 0;
        int group = 0;
        for (int i = start; i < end; i++) {
            int b = text.byteAt(i);
            if (b >= '0' && b <= '9') {
                digits++;
                longestGroup = Math.max(longestGroup, ++group);
            } else {
                dots += b == '.' ? 1 : 0;
                group = 0;
            }
        }
        if ((!international && digits < 10) || digits > 15 || (!international && digits == end - start)
                || (dots >= 2 && longestGroup <= 3)) {
            return; // too short, longer than E.164 allows, a bare number, or an IP address / version string
        }
        String candidate = text.substring(start, end);
        if (DATE.matcher(candidate).matches() || DOTTED.matcher(candidate).matches()) {
            return;
        }
        if (isValidNumber(candidate)) {
            sink.match(start, end, candidate, Masking.digitsExceptLast(candidate, 2));
        }
    }

    /** libphonenumber's full validation (numbering plan, length, area codes); "US" for numbers without "+". */
    private static boolean isValidNumber(String candidate) {
        try {
            return PHONES.isValidNumber(PHONES.parse(candidate, "US"));
        } catch (NumberParseException e) {
            return false;
        }
    }

    private static boolean isWordChar(int b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '_';
    }
}
