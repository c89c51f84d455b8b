package scanner.detect;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import scanner.detect.engine.Latin1Text;

/** US social security numbers written AAA-GG-SSSS (dashes, spaces or dots, one kind per number). */
public final class UsSsnDetector implements Detector {

    static final Pattern PATTERN =
            Pattern.compile("(?<![\\w.-])(\\d{3})([-. ])(\\d{2})\\2(\\d{4})(?![\\w-]|\\.\\d)");

    /** Published in advertising or documentation; never real. */
    private static final Set<String> KNOWN_FAKES = Set.of("078051120", "219099999", "123456789");

    @Override
    public String id() {
        return "US_SSN";
    }

    @Override
    public Trigger trigger() {
        return Trigger.DIGIT_RUN;
    }

    @Override
    public int minDigits() {
        return 9;
    }

    @Override
    public int maxMatchLength() {
        return 11;
    }


    @Override
    public void verify(Latin1Text text, int start, int end, MatchSink sink) {
        if (!hasSsnShape(text, start, end)) {
            return;
        }
        Matcher m = Regions.matcher(PATTERN, text, start, end);
        while (m.find()) {
            if (isValid(m.group(1), m.group(3), m.group(4))) {
                String raw = m.group();
                sink.match(m.start(), m.end(), raw, Masking.digitsExceptLast(raw, 4));
            }
        }
    }

    /** Somewhere in the run: 3 digits, a separator, 2 digits, the same separator, 4 digits (no regex, no allocation). */
    static boolean hasSsnShape(Latin1Text text, int start, int end) {
        for (int i = start; i + 11 <= end; i++) {
            int sep = text.byteAt(i + 3);
            if ((sep == '-' || sep == ' ' || sep == '.') && text.byteAt(i + 6) == sep
                    && digits(text, i, 3) && digits(text, i + 4, 2) && digits(text, i + 7, 4)) {
                return true;
            }
        }
        return false;
    }

    private static boolean digits(Latin1Text text, int from, int count) {
        for (int i = from; i < from + count; i++) {
            int b = text.byteAt(i);
            if (b < '0' || b > '9') {
                return false;
            }
        }
        return true;
    }

    /** Area not 000, 666 or 9xx; group not 00; serial not 0000; not one repeated digit; not a known fake. */
    static boolean isValid(String area, String group, String serial) {
        String digits = area + group + serial;
        return !area.equals("000") && !area.equals("666") && area.charAt(0) != '9'
                && !group.equals("00") && !serial.equals("0000")
                && !digits.chars().allMatch(c -> c == digits.charAt(0))
                && !KNOWN_FAKES.contains(digits);
    }
}
