package scanner.detect;

import java.util.List;

/** GitHub tokens: personal, OAuth, app, user-to-server and refresh tokens, and fine-grained PATs. */
public final class GithubTokenDetector extends PrefixedTokenDetector {

    public GithubTokenDetector() {
        super("GITHUB_TOKEN", List.of("ghp_", "gho_", "ghs_", "ghu_", "ghr_", "github_pat_"),
                "(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{82})(?![A-Za-z0-9_])", 93);
    }
}
