package scanner.detect;

import java.util.List;

/** Google API keys: "AIza" and 35 URL-safe characters. */
public final class GoogleApiKeyDetector extends PrefixedTokenDetector {

    public GoogleApiKeyDetector() {
        super("GOOGLE_API_KEY", List.of("AIza"), "(?<![A-Za-z0-9_-])AIza[A-Za-z0-9_-]{35}(?![A-Za-z0-9_-])", 39);
    }
}
