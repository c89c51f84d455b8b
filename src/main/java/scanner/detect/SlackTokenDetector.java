package scanner.detect;

import java.util.List;

/** Slack bot, user, app-level, refresh and workspace tokens, and incoming-webhook URLs. */
public final class SlackTokenDetector extends PrefixedTokenDetector {

    public SlackTokenDetector() {
        super("SLACK_TOKEN", List.of("xoxa-", "xoxb-", "xoxp-", "xoxr-", "xoxs-", "https://hooks.slack.com/services/"),
                "(?<![A-Za-z0-9_-])(?:"
                        + "xox[abprs]-[0-9]{10,13}-[0-9]{10,13}(?:-[0-9]{10,13})?-[A-Za-z0-9]{24,64}"
                        + "|xox[ar]-2-[0-9]{10,13}-[0-9]{10,13}-[0-9]{10,13}-[a-f0-9]{32,64}"
                        + "|https://hooks\\.slack\\.com/services/T[A-Z0-9]{8,12}/B[A-Z0-9]{8,12}/[A-Za-z0-9]{24}"
                        + ")(?![A-Za-z0-9_-])", 200);
    }

    @Override
    String mask(String raw, String prefix) {
        return prefix.startsWith("https") ? prefix + "T***/B***/" + Masking.keepEnds(raw.substring(raw.lastIndexOf('/') + 1), 0, 4)
                : super.mask(raw, prefix);
    }
}
