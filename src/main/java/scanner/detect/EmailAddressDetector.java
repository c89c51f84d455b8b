package scanner.detect;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import scanner.detect.engine.Latin1Text;

/** E-mail addresses with an RFC-shaped local part and a domain ending in a plausible TLD. */
public final class EmailAddressDetector implements Detector {

    private static final String LOCAL = "[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,62}[A-Za-z0-9_%+-])?";
    private static final String DOMAIN = "(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,24}";
    /** The shape {@link #verify} checks by hand (the tests hold the two to the same answers). */
    static final Pattern ADDRESS = Pattern.compile(LOCAL + "@" + DOMAIN);
    static final Pattern NAIVE = Pattern.compile(
            "(?<![\\w.%+-])" + LOCAL + "@" + DOMAIN + "(?![\\w-]|\\.[A-Za-z0-9])");

    /** File extensions that look like TLDs in asset names such as {@code icon@2x.png}. */
    private static final Set<String> FILE_EXTENSIONS =
            Set.of("png", "jpg", "jpeg", "gif", "svg", "webp", "bmp", "ico", "css", "js", "map", "txt");

    @Override
    public String id() {
        return "EMAIL_ADDRESS";
    }

    @Override
    public Trigger trigger() {
        return Trigger.KEYWORD;
    }

    @Override
    public java.util.List<String> keywords() {
        return java.util.List.of("@");
    }

    @Override
    public int maxMatchLength() {
        return 64 + 1 + 255;
    }


    /** Far enough back to see the mail header an address in angle brackets belongs to. */
    @Override
    public int lookBehind() {
        return 24;
    }

    /** Mail headers whose angle brackets hold message identifiers, shaped like addresses but nobody's. */
    private static final Set<String> MESSAGE_ID_HEADERS = Set.of("message-id", "in-reply-to", "references", "content-id",
            "resent-message-id");

    /** "Message-ID: <20240101.1234@mx.example.com>": an identifier of a message, not a mailbox. */
    private static boolean isMessageId(Latin1Text text, int start, int end) {
        if (text.byteAt(start - 1) != '<' || text.byteAt(end) != '>') {
            return false;
        }
        int i = start - 2;
        while (text.byteAt(i) == ' ' || text.byteAt(i) == '\t') {
            i--;
        }
        if (text.byteAt(i) != ':') {
            return false;
        }
        int nameEnd = i;
        while (i > 0 && (isAlnum(text.byteAt(i - 1)) || text.byteAt(i - 1) == '-') && nameEnd - i < 20) {
            i--;
        }
        int before = text.byteAt(i - 1);
        return (before == -1 || before == '\n' || before == '\r')
                && MESSAGE_ID_HEADERS.contains(text.substring(i, nameEnd).toLowerCase(Locale.ROOT));
    }

    /** Grows the address outwards from the "@" over the characters an address may hold, then checks its shape. */
    @Override
    public void verify(Latin1Text text, int at, int afterAt, MatchSink sink) {
        int start = at;
        while (start > 0 && at - start < 64 && isLocalChar(text.byteAt(start - 1))) {
            start--;
        }
        if (isLocalChar(text.byteAt(start - 1))) {
            return; // a local part longer than 64 characters
        }
        int end = afterAt;
        while (end < text.length() && end - afterAt < 255 && isDomainChar(text.byteAt(end))) {
            end++;
        }
        while (end > afterAt && (text.byteAt(end - 1) == '.' || text.byteAt(end - 1) == '-')) {
            end--; // a sentence's full stop is not part of the address
        }
        int following = text.byteAt(end);
        if (end == afterAt || start == at || isAlnum(following) || following == '_' || following == '-') {
            return;
        }
        // the local part may not start with punctuation: skip it rather than drop the address
        while (start < at && !isAlnum(text.byteAt(start))) {
            start++;
        }
        if (start == at || text.byteAt(at - 1) == '.' || !isDomain(text, afterAt, end)) {
            return;
        }
        String raw = text.substring(start, end);
        if (raw.contains("..") || isMessageId(text, start, end)) {
            return;
        }
        String tld = raw.substring(raw.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        if (FILE_EXTENSIONS.contains(tld)) {
            return;
        }
        int atInRaw = raw.indexOf('@');
        sink.match(start, end, raw, raw.charAt(0) + "***" + raw.substring(atInRaw));
    }

    /**
     * {@code [from, to)} (domain characters only) is a host name: labels of 1 to 63 characters
     * that start and end with a letter or digit, at least two of them, the last 2 to 24 letters.
     * The same shape as {@link #ADDRESS}'s domain, checked without a regular expression: this runs
     * for every "@" in the text.
     */
    static boolean isDomain(Latin1Text text, int from, int to) {
        int labels = 0;
        int labelStart = from;
        boolean lettersOnly = true;
        for (int i = from; i <= to; i++) {
            int b = i < to ? text.byteAt(i) : '.';
            if (b == '.') {
                int length = i - labelStart;
                if (length == 0 || length > 63 || !isAlnum(text.byteAt(labelStart)) || !isAlnum(text.byteAt(i - 1))) {
                    return false;
                }
                labels++;
                if (i == to) {
                    return labels >= 2 && lettersOnly && length >= 2 && length <= 24;
                }
                labelStart = i + 1;
                lettersOnly = true;
            } else if (!((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z'))) {
                lettersOnly = false;
            }
        }
        return false;
    }

    private static boolean isAlnum(int b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9');
    }

    private static boolean isLocalChar(int b) {
        return isAlnum(b) || b == '.' || b == '_' || b == '%' || b == '+' || b == '-';
    }

    private static boolean isDomainChar(int b) {
        return isAlnum(b) || b == '.' || b == '-';
    }
}
