package scanner.detect;

import java.util.regex.Pattern;

/**
 * The pattern a naive scanner would run over the whole text for each detector: the benchmark's
 * baseline (DetectorThroughput), kept out of the production interface.
 */
public final class NaivePatterns {

    private NaivePatterns() {
    }

    public static Pattern of(Detector detector) {
        if (detector instanceof PrefixedTokenDetector token) {
            return token.pattern();
        }
        if (detector instanceof CustomDetector custom) {
            return custom.pattern();
        }
        return switch (detector.id()) {
            case "US_SSN" -> UsSsnDetector.PATTERN;
            case "CREDIT_CARD" -> CreditCardDetector.PATTERN;
            case "EMAIL_ADDRESS" -> EmailAddressDetector.NAIVE;
            case "PHONE_NUMBER" -> PhoneNumberDetector.NAIVE;
            case "IBAN" -> IbanDetector.NAIVE;
            case "AWS_ACCESS_KEY_ID" -> AwsAccessKeyIdDetector.NAIVE;
            case "AWS_SECRET_ACCESS_KEY" -> AwsSecretAccessKeyDetector.NAIVE;
            case "PRIVATE_KEY" -> PrivateKeyDetector.NAIVE;
            case "JWT" -> JwtDetector.TOKEN;
            default -> throw new IllegalArgumentException("No naive pattern for " + detector.id());
        };
    }
}
