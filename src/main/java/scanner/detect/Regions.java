package scanner.detect;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import scanner.detect.engine.Latin1Text;

/** Matchers confined to a region around a trigger; look-arounds still see the text beyond it. */
final class Regions {

    private Regions() {
    }

    static Matcher matcher(Pattern pattern, Latin1Text text, int from, int to) {
        Matcher m = pattern.matcher(text);
        m.region(Math.max(0, from), Math.min(text.length(), to));
        m.useTransparentBounds(true);
        m.useAnchoringBounds(false);
        return m;
    }

    /** Matches {@code pattern} starting exactly at {@code start}, or returns null. */
    static Matcher at(Pattern pattern, Latin1Text text, int start, int maxLength) {
        Matcher m = matcher(pattern, text, start, start + maxLength);
        return m.lookingAt() ? m : null;
    }

    static boolean startsWith(Latin1Text text, int start, String exact) {
        if (start < 0 || start + exact.length() > text.length()) {
            return false;
        }
        for (int i = 0; i < exact.length(); i++) {
            if (text.charAt(start + i) != exact.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
