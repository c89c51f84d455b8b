package scanner.detect;

import java.util.List;

/**
 * Every Slack token family, current and legacy, and the three kinds of webhook URL. Shapes follow
 * Slack's token documentation and the rules of gitleaks and trufflehog:
 * bot {@code xoxb-}, user {@code xoxp-} (and enterprise {@code xoxe-}), workspace {@code xoxa-},
 * refresh {@code xoxr-}, session and legacy {@code xoxs-}/{@code xoxo-}, app-level {@code xapp-},
 * configuration access {@code xoxe.xoxb-}/{@code xoxe.xoxp-} and configuration refresh {@code xoxe-}.
 */
public final class SlackTokenDetector extends PrefixedTokenDetector {

    private static final String WEBHOOKS = "https://hooks.slack.com/";

    public SlackTokenDetector() {
        super("SLACK_TOKEN",
                List.of("xoxa-", "xoxb-", "xoxe-", "xoxe.", "xoxo-", "xoxp-", "xoxr-", "xoxs-", "xapp-", WEBHOOKS),
                "(?<![A-Za-z0-9_-])(?:"
                        // bot, user, enterprise user, workspace, refresh: team id, user or bot id, secret
                        + "xox[abeoprs]-[0-9]{8,13}-[0-9]{8,13}(?:-[0-9]{8,13})?-[A-Za-z0-9]{24,64}"
                        // workspace and refresh tokens of the OAuth v2 flow: two or three numeric ids
                        + "|xox[ar]-2-[0-9]{10,13}-[0-9]{10,13}(?:-[0-9]{10,13})?-[a-f0-9]{32,64}"
                        // any family with a version digit, one to three numeric ids and a secret
                        // (the layout Slack has used for every token kind so far)
                        + "|xox[abeoprs]-(?:[0-9]-)?(?:[0-9]{8,14}-){1,3}[A-Za-z0-9]{16,64}"
                        // legacy bot tokens: team id and 24 characters
                        + "|xoxb-[0-9]{8,14}-[A-Za-z0-9]{18,26}"
                        // legacy test and session tokens
                        + "|xox[os]-[0-9]{1,13}-[0-9]{1,13}-[0-9]{1,13}-[a-fA-F0-9]{16,64}"
                        // legacy workspace tokens
                        + "|xox[ar]-(?:[0-9]-)?[0-9A-Za-z]{24,48}"
                        // app-level tokens
                        + "|xapp-[0-9]-[A-Z0-9]{8,12}-[0-9]{10,14}-[a-f0-9]{32,64}"
                        // configuration access and refresh tokens
                        + "|xoxe\\.xox[bp]-[0-9]-[A-Za-z0-9]{163,166}"
                        + "|xoxe-[0-9]-[A-Za-z0-9]{146}"
                        // incoming webhooks, workflow webhooks, workflow triggers
                        + "|https://hooks\\.slack\\.com/services/T[A-Z0-9]{8,12}/B[A-Z0-9]{8,12}/[A-Za-z0-9]{24}"
                        + "|https://hooks\\.slack\\.com/workflows/T[A-Z0-9]{8,12}/A[A-Z0-9]{8,12}/[0-9]{17,19}/[A-Za-z0-9]{24,32}"
                        + "|https://hooks\\.slack\\.com/triggers/T[A-Z0-9]{8,12}/[0-9]{10,19}/[a-f0-9]{32}"
                        + ")(?![A-Za-z0-9_-])", 200);
    }

    /** Webhooks keep their kind and the last four characters; tokens their prefix and the last four. */
    @Override
    String mask(String raw, String prefix) {
        if (prefix.equals(WEBHOOKS)) {
            String path = raw.substring(prefix.length());
            String kind = path.substring(0, path.indexOf('/'));
            return prefix + kind + "/***/" + Masking.keepEnds(raw.substring(raw.lastIndexOf('/') + 1), 0, 4);
        }
        return super.mask(raw, prefix);
    }
}
