package scanner.detect;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** E-mail addresses with an RFC-shaped local part and a domain ending in a plausible TLD. */
public final class EmailAddressDetector extends RegexDetector {

    private static final Pattern PATTERN = Pattern.compile(
            "(?<![\\w.%+-])[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,62}[A-Za-z0-9_%+-])?"
                    + "@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,24}(?![\\w-]|\\.[A-Za-z0-9])");

    public EmailAddressDetector() {
        super("EMAIL_ADDRESS", PATTERN, 64 + 1 + 255);
    }

    @Override
    public boolean mayContain(CharSequence window) {
        return containsAny(window, "@");
    }

    @Override
    boolean isValid(Matcher m, String raw) {
        return !raw.contains("..");
    }

    @Override
    String mask(String raw) {
        int at = raw.indexOf('@');
        return raw.charAt(0) + "***" + raw.substring(at);
    }
}
