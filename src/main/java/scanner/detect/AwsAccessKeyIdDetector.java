package scanner.detect;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** AWS access key ids: a four-letter resource prefix and 16 base32 characters. */
public final class AwsAccessKeyIdDetector extends RegexDetector {

    private static final String[] PREFIXES =
            {"AKIA", "ASIA", "ABIA", "ACCA", "AGPA", "AIDA", "AIPA", "ANPA", "ANVA", "APKA", "AROA"};

    private static final Pattern PATTERN =
            Pattern.compile("(?<![A-Za-z0-9])(?:" + String.join("|", PREFIXES) + ")[A-Z2-7]{16}(?![A-Za-z0-9])");

    public AwsAccessKeyIdDetector() {
        super("AWS_ACCESS_KEY_ID", PATTERN, 20);
    }

    @Override
    public boolean mayContain(CharSequence window) {
        return containsAny(window, PREFIXES);
    }

    @Override
    boolean isValid(Matcher m, String raw) {
        return true;
    }

    @Override
    String mask(String raw) {
        return Masking.keepEnds(raw, 4, 4);
    }
}
