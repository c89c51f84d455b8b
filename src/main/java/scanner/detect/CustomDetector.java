package scanner.detect;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import scanner.detect.engine.Latin1Text;

/**
 * A detector from configuration: an id, a regex and optional keywords. With keywords the regex
 * runs only near them; without, over every window (much slower: give keywords where you can).
 */
public final class CustomDetector implements Detector {

    private final String id;
    private final Pattern pattern;
    private final List<String> keywords;
    private final int maxLength;

    public CustomDetector(String id, Pattern pattern, List<String> keywords, int maxLength) {
        this.id = id;
        this.pattern = pattern;
        this.keywords = List.copyOf(keywords);
        this.maxLength = maxLength;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Trigger trigger() {
        return keywords.isEmpty() ? Trigger.EVERY_WINDOW : Trigger.KEYWORD;
    }

    @Override
    public List<String> keywords() {
        return keywords;
    }

    @Override
    public int maxMatchLength() {
        return maxLength;
    }

    /** The operator's pattern. */
    Pattern pattern() {
        return pattern;
    }

    /** With keywords, the pattern may match up to its maximum length before the keyword. */
    @Override
    public int lookBehind() {
        return keywords.isEmpty() ? 16 : maxLength + keywords.stream().mapToInt(String::length).max().orElse(0) + 1;
    }


    /** Time a custom pattern may take over one region (a keyword's surroundings, or a window). */
    static final long BUDGET_NANOS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(200);

    /** Regions given up because the pattern ran out of time (it backtracks badly on such text). */
    private final java.util.concurrent.atomic.AtomicLong timeouts = new java.util.concurrent.atomic.AtomicLong();

    public long timeouts() {
        return timeouts.get();
    }

    @Override
    public void verify(Latin1Text text, int start, int end, MatchSink sink) {
        int from = keywords.isEmpty() ? start : start - maxLength;
        int to = keywords.isEmpty() ? end : end + maxLength;
        Matcher m = pattern.matcher(new BoundedText(text, BUDGET_NANOS));
        m.region(Math.max(0, from), Math.min(text.length(), to));
        m.useTransparentBounds(true);
        m.useAnchoringBounds(false);
        try {
            while (m.find()) {
                if (m.end() > m.start() && m.end() - m.start() <= maxLength) {
                    String raw = text.substring(m.start(), m.end());
                    sink.match(m.start(), m.end(), raw, raw.length() >= 8 ? Masking.keepEnds(raw, 2, 2) : "*".repeat(raw.length()));
                }
            }
        } catch (BoundedText.TooSlow e) {
            if (timeouts.getAndIncrement() == 0) {
                org.slf4j.LoggerFactory.getLogger(CustomDetector.class).warn(
                        "Custom detector {}: its pattern ran out of time ({} ms) on some text and skipped it; simplify the pattern",
                        id, BUDGET_NANOS / 1_000_000);
            }
        }
    }
}
