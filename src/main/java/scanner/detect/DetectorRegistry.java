package scanner.detect;

import java.util.ArrayList;
import java.util.List;

/** Every built-in detector, and the configured custom ones. */
public final class DetectorRegistry {

    private DetectorRegistry() {
    }

    public static List<Detector> builtIn() {
        return List.of(
                new UsSsnDetector(),
                new CreditCardDetector(),
                new EmailAddressDetector(),
                new PhoneNumberDetector(),
                new IbanDetector(),
                new AwsAccessKeyIdDetector(),
                new AwsSecretAccessKeyDetector(),
                new PrivateKeyDetector(),
                new JwtDetector(),
                new GithubTokenDetector(),
                new SlackTokenDetector(),
                new StripeKeyDetector(),
                new GoogleApiKeyDetector());
    }

    /** The built-in detectors followed by {@code custom}; ids must be unique. */
    public static List<Detector> with(List<? extends Detector> custom) {
        List<Detector> all = new ArrayList<>(builtIn());
        all.addAll(custom);
        long distinct = all.stream().map(Detector::id).distinct().count();
        if (distinct != all.size()) {
            throw new IllegalArgumentException("Detector ids must be unique");
        }
        return all;
    }
}
