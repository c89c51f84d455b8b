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
