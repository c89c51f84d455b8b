package scanner.detect;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import scanner.detect.engine.Latin1Text;

/**
 * PEM (and PGP armored) private key blocks, from the BEGIN line to the matching END line, with a
 * key between them: lines of base64 (at least {@link #MIN_BODY} characters), optionally after
 * header lines such as "Proc-Type: 4,ENCRYPTED". The markers alone, as in a parser's source code
 * or documentation, are not a key. Lines may be broken by real newlines or by the "\n" escapes
 * of JSON and code strings.
 */
public final class PrivateKeyDetector implements Detector {

    /** A 8192-bit RSA key in PEM is about 6.5 KB. */
    private static final int MAX_BLOCK = 8192;
    private static final Pattern BEGIN = Pattern.compile(
            "-----BEGIN ((?:(?:RSA|DSA|EC|OPENSSH|ENCRYPTED|PGP) )?PRIVATE KEY(?: BLOCK)?)-----");
    static final Pattern NAIVE = Pattern.compile(
            "-----BEGIN ((?:(?:RSA|DSA|EC|OPENSSH|ENCRYPTED|PGP) )?PRIVATE KEY(?: BLOCK)?)-----[\\s\\S]{1,8100}?-----END \\1-----");

    /** The smallest real key (an Ed25519 key in PKCS#8) has 64 base64 characters. */
    static final int MIN_BODY = 64;
    private static final Pattern HEADER = Pattern.compile("[A-Za-z][A-Za-z0-9-]*: .*");
    private static final Pattern BASE64_LINE = Pattern.compile("[A-Za-z0-9+/]+={0,2}");
    private static final Pattern LINE_BREAK = Pattern.compile("\\r?\\n|\\\\r\\\\n|\\\\n");

    @Override
    public String id() {
        return "PRIVATE_KEY";
    }

    @Override
    public Trigger trigger() {
        return Trigger.KEYWORD;
    }

    @Override
    public List<String> keywords() {
        return List.of("-----BEGIN");
    }

    @Override
    public int maxMatchLength() {
        return MAX_BLOCK;
    }


    @Override
    public void verify(Latin1Text text, int start, int end, MatchSink sink) {
        Matcher begin = Regions.at(BEGIN, text, start, 64);
        if (begin == null) {
            return;
        }
        String kind = begin.group(1);
        String endLine = "-----END " + kind + "-----";
        int limit = Math.min(text.length(), start + MAX_BLOCK);
        String region = text.substring(begin.end(), limit);
        int endAt = region.indexOf(endLine);
        if (endAt <= 0) {
            return; // no END line: a fragment, or a block longer than any real key
        }
        if (!hasKeyBody(region.substring(0, endAt))) {
            return;
        }
        int matchEnd = begin.end() + endAt + endLine.length();
        sink.match(start, matchEnd, text.substring(start, matchEnd), "-----BEGIN " + kind + "----- [redacted]");
    }

    /** Header lines first, then only base64 lines (a PGP checksum "=abcd" among them) holding enough of it. */
    static boolean hasKeyBody(String body) {
        int base64 = 0;
        boolean inHeaders = true;
        boolean encryptedHeaders = false;
        for (String raw : LINE_BREAK.split(body, -1)) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (inHeaders && HEADER.matcher(line).matches()) {
                encryptedHeaders |= line.startsWith("Proc-Type:") && line.contains("ENCRYPTED");
                continue;
            }
            inHeaders = false;
            String data = line.startsWith("=") && line.length() <= 5 ? line.substring(1) : line;
            if (!BASE64_LINE.matcher(data).matches()) {
                return false; // code, prose or markup between the markers
            }
            base64 += data.length();
        }
        return base64 >= MIN_BODY || (encryptedHeaders && base64 > 0);
    }
}
