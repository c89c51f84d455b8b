package scanner.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CreditCardDetectorTest {

    private final Detector detector = new CreditCardDetector();

    /** One generated number per issuer prefix and length the detector accepts. */
    static Stream<String> validNumbers() {
        return Stream.of(
                Samples.luhnNumber("4", 16), Samples.luhnNumber("4", 13), Samples.luhnNumber("4", 19),
                Samples.luhnNumber("51", 16), Samples.luhnNumber("55", 16),
                Samples.luhnNumber("2221", 16), Samples.luhnNumber("2720", 16),
                Samples.luhnNumber("34", 15), Samples.luhnNumber("37", 15),
                Samples.luhnNumber("6011", 16), Samples.luhnNumber("644", 16), Samples.luhnNumber("65", 19),
                Samples.luhnNumber("622126", 16), Samples.luhnNumber("622925", 17),
                Samples.luhnNumber("300", 14), Samples.luhnNumber("36", 14), Samples.luhnNumber("39", 16),
                Samples.luhnNumber("3528", 16), Samples.luhnNumber("3589", 19));
    }

    @ParameterizedTest
    @MethodSource("validNumbers")
    void finds_valid_numbers_plain_spaced_and_dashed(String number) {
        DetectorContract.assertFinds(detector, number);
        DetectorContract.assertFinds(detector, group(number, " "));
        DetectorContract.assertFinds(detector, group(number, "-"));
    }

    /** Negatives derived from the positives: each with its check digit corrupted. */
    @ParameterizedTest
    @MethodSource("validNumbers")
    void ignores_a_wrong_check_digit_or_a_number_in_a_path(String number) {
        DetectorContract.assertIgnores(detector, "see https://oss-fuzz.com/testcase-detail/" + number.replace(" ", "") + ".");
        DetectorContract.assertIgnores(detector, "card " + Samples.corruptCheckDigit(number) + " end");
    }

    @Test
    void ignores_issuers_and_lengths_that_do_not_exist() {
        for (String number : List.of(
                Samples.luhnNumber("4", 15),       // Visa has no 15-digit numbers
                Samples.luhnNumber("51", 15),      // Mastercard is 16 digits
                Samples.luhnNumber("34", 16),      // Amex is 15 digits
                Samples.luhnNumber("1", 16),       // no issuer starts with 1
                Samples.luhnNumber("99", 16),
                Samples.luhnNumber("2721", 16))) { // past the 2-series Mastercard range
            DetectorContract.assertIgnores(detector, "n " + number + " end");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"4111 1111-1111 1111", "x4111111111111111", "4111111111111111.5", "0000000000000000"})
    void ignores_lookalikes(String text) {
        DetectorContract.assertIgnores(detector, text);
    }

    @Test
    void keeps_the_first_four_and_last_four_digits() {
        assertEquals("4111********1111", DetectorContract.assertFinds(detector, "4111 1111 1111 1111").masked());
    }

    private static String group(String digits, String separator) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0 && i % 4 == 0) {
                out.append(separator);
            }
            out.append(digits.charAt(i));
        }
        return out.toString();
    }

    /** Four-digit groups inside a grouped IBAN or account number are not a card, however Luhn-valid. */
    @org.junit.jupiter.api.Test
    void groups_inside_a_longer_grouped_number_are_not_a_card() {
        DetectorContract.assertIgnores(detector, "payout to DE89 5555 5555 5555 4444 00, thanks");
        DetectorContract.assertIgnores(detector, "IBAN ES64 5555 5555 5555 4444 5618");
        DetectorContract.assertIgnores(detector, "account 0042 5555 5555 5555 4444");
        DetectorContract.assertIgnores(detector, "wire to GB12 QHKP 3056 9309 0259 04, holder Maya"); // a Diners-shaped run after a bank code
        org.junit.jupiter.api.Assertions.assertEquals(1, Samples.find(detector, "paid with VISA 4111 1111 1111 1111 today").size());
        org.junit.jupiter.api.Assertions.assertEquals(1, Samples.find(detector, "Card 5555 5555 5555 4444 exp 12/27").size());
        org.junit.jupiter.api.Assertions.assertEquals(1, Samples.find(detector, "PAY-7,\"Ann\",5555 5555 5555 4444,DE89 3704").size());
    }
}
