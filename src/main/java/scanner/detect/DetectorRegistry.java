package scanner.detect;

import java.util.List;

/** Every detector the scanner runs. */
public final class DetectorRegistry {

    private DetectorRegistry() {
    }

    public static List<Detector> all() {
        return List.of(
                new UsSsnDetector(),
                new CreditCardDetector(),
                new EmailAddressDetector(),
                new AwsAccessKeyIdDetector());
    }
}
