package scanner.detect;

import java.util.Locale;
import java.util.Set;
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

    /** File extensions that look like TLDs in asset names such as {@code icon@2x.png}. */
    private static final Set<String> FILE_EXTENSIONS =
            Set.of("png", "jpg", "jpeg", "gif", "svg", "webp", "bmp", "ico", "css", "js", "map", "txt");

    @Override
    boolean isValid(Matcher m, String raw) {
        String tld = raw.substring(raw.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return !raw.contains("..") && !FILE_EXTENSIONS.contains(tld);
    }

    @Override
    String mask(String raw) {
        int at = raw.indexOf('@');
        return raw.charAt(0) + "***" + raw.substring(at);
    }
}
