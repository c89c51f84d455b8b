package scanner.detect;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import scanner.detect.engine.Latin1Text;

/** PEM private key blocks, from the BEGIN line to the matching END line. */
public final class PrivateKeyDetector implements Detector {

    /** A 8192-bit RSA key in PEM is about 6.5 KB. */
    private static final int MAX_BLOCK = 8192;
    private static final Pattern BEGIN = Pattern.compile(
            "-----BEGIN ((?:(?:RSA|DSA|EC|OPENSSH|ENCRYPTED|PGP) )?PRIVATE KEY(?: BLOCK)?)-----");
    private static final Pattern NAIVE = Pattern.compile(
            "-----BEGIN ((?:(?:RSA|DSA|EC|OPENSSH|ENCRYPTED|PGP) )?PRIVATE KEY(?: BLOCK)?)-----[\\s\\S]{1,8100}?-----END \\1-----");

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
    public Pattern naivePattern() {
        return NAIVE;
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
        int matchEnd = begin.end() + endAt + endLine.length();
        sink.match(start, matchEnd, text.substring(start, matchEnd), "-----BEGIN " + kind + "----- [redacted]");
    }
}
