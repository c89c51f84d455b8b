package scanner.detect;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import scanner.detect.engine.Latin1Text;

/** Tokens that begin with a fixed, case-sensitive prefix: the prefix triggers, the pattern confirms. */
abstract class PrefixedTokenDetector implements Detector {

    private final String id;
    private final List<String> prefixes;
    private final Pattern pattern;
    private final int maxLength;

    /** @param pattern matched at the prefix; must include the prefix and a left word boundary */
    PrefixedTokenDetector(String id, List<String> prefixes, String pattern, int maxLength) {
        this.id = id;
        this.prefixes = List.copyOf(prefixes);
        this.pattern = Pattern.compile(pattern);
        this.maxLength = maxLength;
    }

    /** The whole token's shape, checked at each prefix. */
    final Pattern pattern() {
        return pattern;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final Trigger trigger() {
        return Trigger.KEYWORD;
    }

    @Override
    public final List<String> keywords() {
        return prefixes;
    }

    @Override
    public final int maxMatchLength() {
        return maxLength;
    }


    @Override
    public final void verify(Latin1Text text, int start, int end, MatchSink sink) {
        String prefix = text.substring(start, end);
        if (!prefixes.contains(prefix)) {
            return; // the keyword matched in another case
        }
        Matcher m = Regions.at(pattern, text, start, maxLength);
        if (m != null) {
            String raw = m.group();
            sink.match(m.start(), m.end(), raw, mask(raw, prefix));
        }
    }

    /** The prefix, stars, and the last four characters. */
    String mask(String raw, String prefix) {
        return prefix + Masking.keepEnds(raw.substring(prefix.length()), 0, 4);
    }
}
