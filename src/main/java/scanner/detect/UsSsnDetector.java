package scanner.detect;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** US social security numbers written AAA-GG-SSSS (dashes, spaces or dots, one kind per number). */
public final class UsSsnDetector extends RegexDetector {

    private static final Pattern PATTERN =
            Pattern.compile("(?<![\\w.-])(\\d{3})([-. ])(\\d{2})\\2(\\d{4})(?![\\w-]|\\.\\d)");

    /** Published in advertising or documentation; never real. */
    private static final Set<String> KNOWN_FAKES = Set.of("078051120", "123456789");

    public UsSsnDetector() {
        super("US_SSN", PATTERN, 11);
    }

    @Override
    boolean isValid(Matcher m, String raw) {
        String area = m.group(1);
        String group = m.group(3);
        String serial = m.group(4);
        String digits = area + group + serial;
        return !area.equals("000") && !area.equals("666") && area.charAt(0) != '9'
                && !group.equals("00") && !serial.equals("0000")
                && !digits.chars().allMatch(c -> c == digits.charAt(0))
                && !KNOWN_FAKES.contains(digits);
    }

    @Override
    String mask(String raw) {
        return Masking.digitsExceptLast(raw, 4);
    }
}
