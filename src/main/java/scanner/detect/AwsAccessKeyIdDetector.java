package scanner.detect;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import scanner.detect.engine.Latin1Text;

/** AWS access key ids: a four-letter resource prefix and 16 base32 characters, on word boundaries. */
public final class AwsAccessKeyIdDetector implements Detector {

    static final List<String> PREFIXES =
            List.of("AKIA", "ASIA", "ABIA", "ACCA", "AGPA", "AIDA", "AIPA", "ANPA", "ANVA", "APKA", "AROA");

    private static final Pattern AT_PREFIX = Pattern.compile("(?<![A-Za-z0-9])[A-Z]{4}[A-Z2-7]{16}(?![A-Za-z0-9])");
    static final Pattern NAIVE =
            Pattern.compile("(?<![A-Za-z0-9])(?:" + String.join("|", PREFIXES) + ")[A-Z2-7]{16}(?![A-Za-z0-9])");

    @Override
    public String id() {
        return "AWS_ACCESS_KEY_ID";
    }

    @Override
    public Trigger trigger() {
        return Trigger.KEYWORD;
    }

    @Override
    public List<String> keywords() {
        return PREFIXES;
    }

    @Override
    public int maxMatchLength() {
        return 20;
    }


    @Override
    public void verify(Latin1Text text, int start, int end, MatchSink sink) {
        if (!PREFIXES.contains(text.substring(start, end))) {
            return; // the keyword matched in another case
        }
        Matcher m = Regions.at(AT_PREFIX, text, start, 20);
        if (m != null) {
            String raw = m.group();
            sink.match(m.start(), m.end(), raw, Masking.keepEnds(raw, 4, 4));
        }
    }
}
