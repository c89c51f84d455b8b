package scanner.detect;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import scanner.detect.engine.Latin1Text;

/**
 * AWS secret access keys: 40 characters of base64 reported only near an AWS context word (within
 * 100 characters), since 40 such characters alone are too common to mean anything.
 */
public final class AwsSecretAccessKeyDetector implements Detector {

    private static final int CONTEXT = 100;
    private static final Pattern SECRET = Pattern.compile("(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])");
    private static final Pattern NAIVE = Pattern.compile(
            "(?i:aws|secret)[\\s\\S]{0,100}?(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])");

    @Override
    public String id() {
        return "AWS_SECRET_ACCESS_KEY";
    }

    @Override
    public Trigger trigger() {
        return Trigger.KEYWORD;
    }

    @Override
    public List<String> keywords() {
        return List.of("aws", "secret");
    }

    @Override
    public int maxMatchLength() {
        return 40;
    }

    @Override
    public Pattern naivePattern() {
        return NAIVE;
    }

    @Override
    public void verify(Latin1Text text, int start, int end, MatchSink sink) {
        Matcher m = Regions.matcher(SECRET, text, start - CONTEXT, end + CONTEXT);
        while (m.find()) {
            String raw = m.group();
            if (looksRandom(raw)) {
                sink.match(m.start(), m.end(), raw, Masking.keepEnds(raw, 0, 4));
            }
        }
    }

    /** Real keys mix upper case, lower case and digits; hex digests (git, SHA-1) and words do not. */
    static boolean looksRandom(String s) {
        boolean upper = false;
        boolean lower = false;
        boolean digit = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            upper |= c >= 'A' && c <= 'Z';
            lower |= c >= 'a' && c <= 'z';
            digit |= c >= '0' && c <= '9';
        }
        return upper && lower && digit;
    }
}
