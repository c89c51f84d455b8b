package scanner.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** GitHub, Slack, Stripe and Google keys: fixed prefixes followed by tokens of known shapes. */
class TokenDetectorsTest {

    private final Detector github = new GithubTokenDetector();
    private final Detector slack = new SlackTokenDetector();
    private final Detector stripe = new StripeKeyDetector();
    private final Detector google = new GoogleApiKeyDetector();

    @ParameterizedTest
    @ValueSource(strings = {"ghp_", "gho_", "ghs_", "ghu_", "ghr_"})
    void github_classic_tokens(String prefix) {
        String token = prefix + Samples.base62(36);
        assertEquals(prefix + "*".repeat(32) + token.substring(36), DetectorContract.assertFinds(github, token).masked());
    }

    @Test
    void github_fine_grained_tokens() {
        DetectorContract.assertFinds(github, "github_pat_" + Samples.random(Samples.BASE62 + "_", 82));
    }

    @Test
    void github_lookalikes() {
        DetectorContract.assertIgnores(github, "ghp_" + Samples.base62(35));       // too short
        DetectorContract.assertIgnores(github, "ghp_" + Samples.base62(37));       // too long
        DetectorContract.assertIgnores(github, "ghx_" + Samples.base62(36));       // unknown kind
        DetectorContract.assertIgnores(github, "GHP_" + Samples.base62(36));       // wrong case
        DetectorContract.assertIgnores(github, "xghp_" + Samples.base62(36));      // inside a word
    }

    @ParameterizedTest
    @ValueSource(strings = {"xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxs-"})
    void slack_tokens(String prefix) {
        DetectorContract.assertFinds(slack, prefix + Samples.digits(12) + "-" + Samples.digits(13) + "-" + Samples.base62(24));
        DetectorContract.assertFinds(slack,
                prefix + Samples.digits(12) + "-" + Samples.digits(12) + "-" + Samples.digits(12) + "-" + Samples.random("0123456789abcdef", 32));
    }

    /** One sample of each family Slack issues or issued, in the shapes its documentation gives. */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
            bot                       | xoxb-{d12}-{d13}-{b24}
            bot, 10-digit ids         | xoxb-{d10}-{d10}-{b24}
            legacy bot                | xoxb-{d11}-{b24}
            user                      | xoxp-{d12}-{d12}-{d12}-{h32}
            enterprise user           | xoxe-{d12}-{d12}-{d12}-{h32}
            workspace (OAuth v2)      | xoxa-2-{d12}-{d12}-{d12}-{h64}
            refresh (OAuth v2)        | xoxr-2-{d12}-{d12}-{d12}-{h64}
            workspace, two ids        | xoxa-2-{d11}-{d13}-{h64}
            refresh, two ids          | xoxr-2-{d12}-{d12}-{h64}
            bot, version digit        | xoxb-1-{d12}-{d12}-{b24}
            user, two ids             | xoxp-{d11}-{d12}-{h32}
            legacy workspace          | xoxa-{b32}
            legacy session            | xoxs-{d10}-{d11}-{d12}-{h64}
            legacy test token         | xoxo-{d10}-{d11}-{d12}-{h32}
            app-level                 | xapp-1-A{D10}-{d13}-{h64}
            configuration access bot  | xoxe.xoxb-1-{B165}
            configuration access user | xoxe.xoxp-1-{B164}
            configuration refresh     | xoxe-1-{B146}
            incoming webhook          | https://hooks.slack.com/services/T{D10}/B{D10}/{b24}
            workflow webhook          | https://hooks.slack.com/workflows/T{D10}/A{D10}/{d18}/{b24}
            workflow trigger          | https://hooks.slack.com/triggers/T{D10}/{d13}/{h32}
            """)
    void slack_token_families(String family, String shape) {
        DetectorContract.assertFinds(slack, fill(shape));
    }

    /** {dN}: N digits, {hN}: N hex digits, {bN}: N base62, {BN}: N upper-case base62, {DN}: N upper case and digits. */
    private static String fill(String shape) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([dhbBD])(\\d+)}").matcher(shape);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            int n = Integer.parseInt(m.group(2));
            String part = switch (m.group(1)) {
                case "d" -> Samples.digits(n);
                case "h" -> Samples.random("0123456789abcdef", n);
                case "b" -> Samples.base62(n);
                case "B" -> Samples.random(Samples.BASE62, n);
                default -> Samples.random("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", n);
            };
            m.appendReplacement(out, part);
        }
        m.appendTail(out);
        return out.toString();
    }

    @Test
    void slack_webhooks_keep_their_kind_in_the_mask() {
        String hook = fill("https://hooks.slack.com/workflows/T{D10}/A{D10}/{d18}/{b24}");
        String masked = DetectorContract.assertFinds(slack, hook).masked();
        assertEquals("https://hooks.slack.com/workflows/***/" + "*".repeat(20) + hook.substring(hook.length() - 4), masked);
    }

    @Test
    void slack_webhooks() {
        String hook = "https://hooks.slack.com/services/T" + Samples.random("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 8)
                + "/B" + Samples.random("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 8) + "/" + Samples.base62(24);
        DetectorContract.assertFinds(slack, hook);
    }

    @Test
    void slack_lookalikes() {
        DetectorContract.assertIgnores(slack, "xoxb-123-456-abc");                              // too short
        DetectorContract.assertIgnores(slack, "xoxz-" + Samples.digits(12) + "-" + Samples.digits(12) + "-" + Samples.base62(24));
        DetectorContract.assertIgnores(slack, "https://hooks.slack.com/services/");
        DetectorContract.assertIgnores(slack, "xoxe-1-" + Samples.base62(100));                  // refresh token cut short
        DetectorContract.assertIgnores(slack, "xapp-1-" + Samples.base62(10));                   // app token cut short
        DetectorContract.assertIgnores(slack, "xoxa-short");                                     // a word, not a token
        DetectorContract.assertIgnores(slack, "https://hooks.slack.com/triggers/TABC/123/xyz"); // a template
    }

    @ParameterizedTest
    @ValueSource(strings = {"sk_live_", "rk_live_"})
    void stripe_live_keys(String prefix) {
        DetectorContract.assertFinds(stripe, prefix + Samples.base62(24));
        DetectorContract.assertFinds(stripe, prefix + Samples.base62(99));
    }

    @Test
    void stripe_test_keys_and_short_keys_are_ignored() {
        DetectorContract.assertIgnores(stripe, "sk_test_" + Samples.base62(24));
        DetectorContract.assertIgnores(stripe, "pk_live_" + Samples.base62(24));
        DetectorContract.assertIgnores(stripe, "sk_live_" + Samples.base62(23));
    }

    @Test
    void google_api_keys() {
        String key = "AIza" + Samples.random(Samples.BASE62 + "_-", 35);
        DetectorContract.assertFinds(google, key);
        DetectorContract.assertIgnores(google, "AIza" + Samples.base62(34));
        DetectorContract.assertIgnores(google, "aiza" + Samples.base62(35));
        DetectorContract.assertIgnores(google, "AIza" + Samples.base62(36));
    }
}
