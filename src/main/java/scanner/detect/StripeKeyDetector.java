package scanner.detect;

import java.util.List;

/** Stripe live secret and restricted keys. */
public final class StripeKeyDetector extends PrefixedTokenDetector {

    public StripeKeyDetector() {
        super("STRIPE_KEY", List.of("sk_live_", "rk_live_"),
                "(?<![A-Za-z0-9_])[sr]k_live_[A-Za-z0-9]{24,99}(?![A-Za-z0-9_])", 107);
    }
}
