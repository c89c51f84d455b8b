package scanner.detect;

import java.util.List;
import java.util.regex.Pattern;
import scanner.detect.engine.Latin1Text;

/**
 * AWS secret access keys: 40 characters of base64 reported only near an AWS context word (within
 * 100 characters), since 40 such characters alone are too common to mean anything.
 */
public final class AwsSecretAccessKeyDetector implements Detector {

    private static final int CONTEXT = 100;
    private static final int LENGTH = 40;
    static final Pattern NAIVE = Pattern.compile(
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

    /** The context word may stand up to {@link #CONTEXT} characters before the key. */
    @Override
    public int lookBehind() {
        return CONTEXT + "secret".length() + 1;
    }


    /**
     * Every run of exactly 40 key characters (not followed by "=", which would make it longer
     * base64) lying within {@link #CONTEXT} characters of the context word. A linear walk over the
     * runs of the region: a regular expression here retried its 40-character loop at every position.
     */
    @Override
    public void verify(Latin1Text text, int start, int end, MatchSink sink) {
        int from = Math.max(0, start - CONTEXT);
        int to = Math.min(text.length(), end + CONTEXT);
        int i = from;
        while (i < to) {
            if (!isKeyChar(text.byteAt(i))) {
                i++;
                continue;
            }
            int runStart = i;
            while (i < to && isKeyChar(text.byteAt(i))) {
                i++;
            }
            // Whole runs only: the run must not go on before the region or after this point.
            boolean whole = (runStart > from || !isKeyChar(text.byteAt(from - 1))) && !isKeyChar(text.byteAt(i));
            // the context word must stand outside the run ("bJlbzjAWsT8..." holds "AWs" by chance)
            boolean wordOutside = end <= runStart || start >= i;
            if (whole && wordOutside && i - runStart == LENGTH && text.byteAt(i) != '=') {
                String raw = text.substring(runStart, i);
                boolean random = looksRandom(raw) || namedAsSecretKey(text, runStart) && looksRandomWithoutDigits(raw);
                if (random && !endsBase64Block(text, runStart) && !insideLongerToken(text, runStart, i)) {
                    sink.match(runStart, i, raw, Masking.keepEnds(raw, 0, 4));
                }
            }
        }
    }

    /**
     * A run joined by "-" or "_" to more key characters is a piece of a longer base64url token (a
     * JWT signature, a session id), and a run inside a dotted token that opens like a JWT ("eyJ")
     * is one of its segments: neither is a key standing alone.
     */
    static boolean insideLongerToken(Latin1Text text, int runStart, int runEnd) {
        boolean joinedBefore = runStart >= 2 && isJoiner(text.byteAt(runStart - 1)) && isKeyChar(text.byteAt(runStart - 2));
        boolean joinedAfter = runEnd + 1 < text.length() && isJoiner(text.byteAt(runEnd)) && isKeyChar(text.byteAt(runEnd + 1));
        if (joinedBefore || joinedAfter) {
            return true;
        }
        int tokenStart = runStart;
        while (tokenStart > 0 && isTokenChar(text.byteAt(tokenStart - 1))) {
            tokenStart--;
        }
        return tokenStart + 3 <= text.length() && text.byteAt(tokenStart) == 'e' && text.byteAt(tokenStart + 1) == 'y'
                && text.byteAt(tokenStart + 2) == 'J' && tokenStart < runStart;
    }

    private static boolean isJoiner(int c) {
        return c == '-' || c == '_';
    }

    private static boolean isTokenChar(int c) {
        return isKeyChar(c) || isJoiner(c) || c == '.';
    }

    /**
     * A run that starts its line right after a full line of base64 (60 characters or more) is the
     * last line of a wrapped base64 block (a certificate, a key, an encoded file), not a secret key
     * standing alone: real keys stand after a name ("aws_secret_access_key = ...").
     */
    static boolean endsBase64Block(Latin1Text text, int runStart) {
        int i = runStart - 1;
        while (i >= 0 && (text.byteAt(i) == ' ' || text.byteAt(i) == '\t')) {
            i--;
        }
        if (i < 0 || text.byteAt(i) != '\n') {
            return false;
        }
        i--;
        if (i >= 0 && text.byteAt(i) == '\r') {
            i--;
        }
        int length = 0;
        while (i >= 0 && text.byteAt(i) != '\n') {
            int c = text.byteAt(i);
            if (isKeyChar(c) || c == '=') {
                length++;
            } else if (c != ' ' && c != '\t') {
                return false;
            }
            i--;
        }
        return length >= 60;
    }

    private static boolean isKeyChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' || c == '+';
    }

    /**
     * Real keys mix upper case, lower case and digits (hex digests and words do not), and their
     * characters are spread as random ones are: 40 random key characters carry at least 4.1 bits
     * each (in 100,000 random keys, the lowest was 4.14), while paths such as
     * "sun/security/pkcs11/tls/TestMasterSecret" and identifiers stay near 4.0.
     */
    static boolean looksRandom(String s) {
        return mixesClasses(s) && entropyBitsPerChar(s) >= MIN_ENTROPY;
    }

    /**
     * Right after its own name a key is taken on a looser test: one random key in a thousand has no
     * digit, and a few in a hundred carry less than {@link #MIN_ENTROPY} bits a character (the
     * lowest of 100,000 random keys carried 4.14); case mix and {@link #NAMED_MIN_ENTROPY} still
     * keep words and paths out.
     */
    static boolean looksRandomWithoutDigits(String s) {
        return !s.chars().allMatch(Character::isLowerCase) && !s.chars().allMatch(c -> !Character.isLowerCase(c))
                && entropyBitsPerChar(s) >= NAMED_MIN_ENTROPY;
    }

    static final double NAMED_MIN_ENTROPY = 3.9;

    /** "aws_secret_access_key = ", "AWS_SECRET_ACCESS_KEY=", "SecretAccessKey: " right before the run. */
    static boolean namedAsSecretKey(Latin1Text text, int runStart) {
        StringBuilder letters = new StringBuilder();
        for (int i = runStart - 1; i >= 0 && i >= runStart - 40; i--) {
            int c = text.byteAt(i);
            if (Character.isLetter(c)) {
                letters.append((char) Character.toLowerCase(c));
            } else if (c == '\n') {
                break;
            }
        }
        String before = letters.reverse().toString();
        return before.endsWith("secretaccesskey") || before.endsWith("awssecretkey") || before.endsWith("awssecret");
    }

    static final double MIN_ENTROPY = 4.2;

    static double entropyBitsPerChar(String s) {
        int[] counts = new int[128];
        for (int i = 0; i < s.length(); i++) {
            counts[s.charAt(i) & 0x7f]++;
        }
        double bits = 0;
        for (int count : counts) {
            if (count > 0) {
                double p = (double) count / s.length();
                bits -= p * Math.log(p) / Math.log(2);
            }
        }
        return bits;
    }

    private static boolean mixesClasses(String s) {
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
